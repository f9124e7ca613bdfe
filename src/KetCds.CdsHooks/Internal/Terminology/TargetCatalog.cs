using Google.Protobuf.Reflection;
using KetCds.Contracts.V1;

namespace KetCds.CdsHooks.Internal.Terminology;

/// <summary>
/// The targets a map may name, taken from the contract itself so the map can never point at a value the contract
/// lacks. Kinds whose meaning is the mapper's own (observation, severity, pregnancy) list their values here.
/// </summary>
internal static class TargetCatalog
{
    public const string Condition = "condition";
    public const string History = "history";
    public const string Medication = "medication";
    public const string Treatment = "treatment";
    public const string Adjunct = "adjunct";
    public const string Outcome = "outcome";
    public const string Route = "route";
    public const string CareGoal = "care-goal";
    public const string Severity = "severity";
    public const string Pregnancy = "pregnancy";
    public const string Observation = "observation";

    public const string ObservedPainNrs = "pain_severity_nrs";
    public const string ObservedPregnancyStatus = "pregnancy_status";
    public const string ObservedPregnantOrBreastfeeding = "pregnant_or_breastfeeding";
    public const string ObservedCareGoal = "care_goal";
    public const string ObservedReceivedBefore = "received_before";
    public const string ObservedRespondedWell = "responded_well";
    public const string ObservedDiminishingEffect = "diminishing_effect";
    public const string ObservedReliefDays = "relief_duration_days";

    private static readonly string[] ObservationNames =
    [
        ObservedPainNrs, ObservedPregnancyStatus, ObservedPregnantOrBreastfeeding, ObservedCareGoal,
        ObservedReceivedBefore, ObservedRespondedWell, ObservedDiminishingEffect, ObservedReliefDays,
    ];

    /// <summary>Null when <paramref name="target"/> is a known target; else why not.</summary>
    public static string? Problem(TerminologyTarget target) => target.Kind switch
    {
        Condition => EnumProblem(Enums.PainCondition, target.Value),
        History => MedicalHistory.Descriptor.FindFieldByName(target.Value) is null ? $"'{target.Value}' is not a field of MedicalHistory" : null,
        Medication => EnumProblem(Enums.MedicationClass, target.Value),
        Treatment => EnumProblem(Enums.StandardTreatment, target.Value),
        Adjunct => EnumProblem(Enums.AdjunctTherapy, target.Value),
        Outcome => EnumProblem(Enums.TreatmentOutcome, target.Value),
        Route => EnumProblem(Enums.Route, target.Value),
        CareGoal => EnumProblem(Enums.CareGoal, target.Value),
        Severity => target.Value is "severe" or "not-severe" ? null : "severity targets are 'severe' or 'not-severe'",
        Pregnancy => target.Value is "true" or "false" ? null : "pregnancy targets are 'true' or 'false'",
        Observation => ObservationNames.Contains(target.Value, StringComparer.Ordinal)
            ? null
            : $"'{target.Value}' is not an observation the mapper reads ({string.Join(", ", ObservationNames)})",
        _ => $"unknown target kind '{target.Kind}' (condition, history, medication, treatment, adjunct, outcome, route, care-goal, severity, pregnancy, observation)",
    };

    /// <summary>The contract enum value named <paramref name="name"/> (its proto name), as the C# enum.</summary>
    public static T Parse<T>(EnumDescriptor descriptor, string name)
        where T : struct, Enum => (T)Enum.ToObject(typeof(T), descriptor.FindValueByName(name).Number);

    private static string? EnumProblem(EnumDescriptor descriptor, string value) =>
        descriptor.FindValueByName(value) is { Number: > 0 } ? null : $"'{value}' is not a {descriptor.Name} value";
}

using System.Collections.Immutable;
using KetCds.Clinical.Internal;
using KetCds.Contracts.V1;
using KetCds.Engine;
using KetCds.Rules;

namespace KetCds.Clinical;

/// <summary>
/// What the clinical layer expects of a rule set: the input facts it supplies from a request (with their types and
/// every value it can give), the derived facts and outcome attributes it reads into a result (with every value it
/// understands), and the outcome code families it sorts by. Load rule sets with it (<see cref="RuleSetLoader"/>) so an
/// edit that would break the mapping is an error at the line that broke it.
/// </summary>
public static class ClinicalVocabulary
{
    /// <summary>The clinical layer's contract with the rule vocabulary.</summary>
    public static VocabularyContract Contract { get; } = new(
        "the clinical layer",
        [
            Input(FactNames.Conditions, FactType.EnumSet, Symbols.All<PainCondition>(Symbols.Of)),
            Input(FactNames.PainDurationMonths, FactType.Integer),
            Input(FactNames.PainSeverity, FactType.Integer),
            Input(FactNames.SevereJudgement, FactType.Boolean),
            Input(FactNames.AgeYears, FactType.Integer),
            Input(FactNames.PregnantOrBreastfeeding, FactType.Boolean),
            Input(FactNames.FailedTreatments, FactType.EnumSet, Symbols.All<StandardTreatment>(Symbols.Of)),
            Input(FactNames.EffectiveTreatments, FactType.EnumSet, Symbols.All<StandardTreatment>(Symbols.Of)),
            Input(FactNames.ContraindicatedTreatments, FactType.EnumSet, Symbols.All<StandardTreatment>(Symbols.Of)),
            Input(FactNames.CurrentMedications, FactType.EnumSet, Symbols.All<MedicationClass>(Symbols.Of)),
            Input(FactNames.AlcoholUseDisorder, FactType.Boolean),
            Input(FactNames.DrugUseDisorder, FactType.Boolean),
            Input(FactNames.BladderProblems, FactType.Boolean),
            Input(FactNames.LiverDysfunction, FactType.Boolean),
            Input(FactNames.CognitiveProblems, FactType.Boolean),
            Input(FactNames.Depression, FactType.Boolean),
            Input(FactNames.Anxiety, FactType.Boolean),
            Input(FactNames.Psychosis, FactType.Boolean),
            Input(FactNames.CardiovascularDisease, FactType.Boolean),
            Input(FactNames.PriorKetamine, FactType.Boolean),
            Input(FactNames.SessionsLast12Months, FactType.Integer),
            Input(FactNames.DaysSinceLast, FactType.Integer),
            Input(FactNames.LastReliefDays, FactType.Integer),
            Input(FactNames.RespondedWell, FactType.Boolean),
            Input(FactNames.DiminishingEffect, FactType.Boolean),
            Input(FactNames.CareGoal, FactType.Enum, Symbols.All<CareGoal>(Symbols.Of)),
            Input(FactNames.AdjunctTherapies, FactType.EnumSet, Symbols.All<AdjunctTherapy>(Symbols.Of)),
            new(FactNames.Eligibility, FactType.Enum, FactOrigin.Derived, [.. ResultBuilder.EligibilityValues.Keys.Order(StringComparer.Ordinal)], "Eligibility.status"),
            new(FactNames.CapReached, FactType.Boolean, FactOrigin.Derived, [], "SessionCap.reached"),
        ],
        AttributeReader.Expected,
        [
            new(OutcomeKind.Recommendation, string.Empty, [AttributeReader.RouteName, AttributeReader.ProtocolName], "a RouteRecommendation's route and protocol"),
            new(OutcomeKind.Finding, ResultBuilder.ReliefPrefix, [AttributeReader.RouteName, AttributeReader.ProtocolName, AttributeReader.ReliefKindName], "a relief estimate attached to its route"),
            new(OutcomeKind.Finding, ResultBuilder.EligibilityPrefix, [], "Eligibility.reasons"),
            new(OutcomeKind.Finding, ResultBuilder.MaintenancePrefix, [], "MaintenanceGuidance.items"),
        ]);

    private static ExpectedFact Input(string name, FactType type, ImmutableArray<string> values = default) =>
        new(name, type, FactOrigin.Input, values.IsDefault ? [] : values, FactNames.FieldOf(name));
}

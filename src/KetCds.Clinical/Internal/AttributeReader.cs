using KetCds.Contracts.V1;
using KetCds.Engine;

namespace KetCds.Clinical.Internal;

/// <summary>Reads the typed attributes the clinical rule files put on outcomes into contract values.</summary>
internal static class AttributeReader
{
    private static readonly (decimal Hours, TimeUnit Unit)[] Units =
    [
        (730.5m, TimeUnit.Months),
        (168m, TimeUnit.Weeks),
        (24m, TimeUnit.Days),
        (1m, TimeUnit.Hours),
    ];

    public static string? Symbol(Outcome outcome, string name) => outcome.Attribute(name)?.Symbol;

    public static Severity Severity(Outcome outcome) => Symbol(outcome, "severity") switch
    {
        "info" => Contracts.V1.Severity.Info,
        "low" => Contracts.V1.Severity.Low,
        "moderate" => Contracts.V1.Severity.Moderate,
        "high" => Contracts.V1.Severity.High,
        _ => Contracts.V1.Severity.Unspecified,
    };

    public static AlertCategory Category(Outcome outcome) => Symbol(outcome, "category") switch
    {
        "drug_interaction" => AlertCategory.DrugInteraction,
        "tolerance" => AlertCategory.Tolerance,
        "session_cap" => AlertCategory.SessionCap,
        "abuse_potential" => AlertCategory.AbusePotential,
        "adverse_effects" => AlertCategory.AdverseEffects,
        "evidence_limits" => AlertCategory.EvidenceLimits,
        _ => AlertCategory.Other,
    };

    public static IEnumerable<Adjustment> Adjustments(Outcome outcome) =>
        (outcome.Attribute("adjustments")?.Symbols ?? []).Select(symbol => symbol switch
        {
            "screening" => Adjustment.Screening,
            "closer_monitoring" => Adjustment.CloserMonitoring,
            "reduced_dose" => Adjustment.ReducedDose,
            "shorter_duration" => Adjustment.ShorterDuration,
            "supervision" => Adjustment.Supervision,
            "spacing_infusions" => Adjustment.SpacingInfusions,
            "lowest_effective_dose" => Adjustment.LowestEffectiveDose,
            "individualized_continuation" => Adjustment.IndividualizedReview,
            _ => Adjustment.Unspecified,
        }).Order();

    public static Route Route(Outcome outcome) => Symbol(outcome, "route") switch
    {
        "iv" => Contracts.V1.Route.Iv,
        "intranasal" => Contracts.V1.Route.Intranasal,
        "oral" => Contracts.V1.Route.Oral,
        "intramuscular" => Contracts.V1.Route.Intramuscular,
        "subcutaneous" => Contracts.V1.Route.Subcutaneous,
        "topical" => Contracts.V1.Route.Topical,
        "intrathecal" => Contracts.V1.Route.Intrathecal,
        _ => Contracts.V1.Route.Unspecified,
    };

    public static RouteProtocol Protocol(Outcome outcome) => Symbol(outcome, "protocol") switch
    {
        "single_infusion" => RouteProtocol.SingleInfusion,
        "infusion_series" => RouteProtocol.InfusionSeries,
        "multi_day_continuous" => RouteProtocol.MultiDayContinuous,
        "between_infusions" => RouteProtocol.AsNeeded,
        "single_dose" => RouteProtocol.SingleDose,
        "while_applied" => RouteProtocol.ContinuousApplication,
        "booster" => RouteProtocol.PeriodicBooster,
        "alongside_opioids" => RouteProtocol.AlongsideOpioids,
        _ => RouteProtocol.Unspecified,
    };

    public static ReliefRange? Relief(Outcome outcome)
    {
        var kind = Symbol(outcome, "relief_kind") switch
        {
            "range" => ReliefRangeKind.Bounded,
            "at_least" => ReliefRangeKind.AtLeast,
            "at_most" => ReliefRangeKind.UpTo,
            "while_administered" => ReliefRangeKind.OnlyWhileAdministered,
            _ => ReliefRangeKind.Unspecified,
        };
        if (kind == ReliefRangeKind.Unspecified)
        {
            return null;
        }

        var range = new ReliefRange { Kind = kind };
        if (outcome.Attribute("relief_min") is { Type: FactType.Duration } lower)
        {
            range.Lower = Amount(lower.Number);
        }

        if (outcome.Attribute("relief_max") is { Type: FactType.Duration } upper)
        {
            range.Upper = Amount(upper.Number);
        }

        return range;
    }

    public static int? Integer(Outcome outcome, string name) =>
        outcome.Attribute(name) is { Type: FactType.Integer or FactType.Decimal } value ? (int)value.Number : null;

    /// <summary>Expresses hours in the largest unit that holds it exactly, so "3 months" reads back as 3 months.</summary>
    private static TimeAmount Amount(decimal hours)
    {
        foreach (var (perUnit, unit) in Units)
        {
            if (hours % perUnit == 0m)
            {
                return new TimeAmount { Value = (double)(hours / perUnit), Unit = unit };
            }
        }

        return new TimeAmount { Value = (double)hours, Unit = TimeUnit.Hours };
    }
}

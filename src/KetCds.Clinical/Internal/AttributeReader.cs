using System.Collections.Frozen;
using System.Collections.Immutable;
using KetCds.Contracts.V1;
using KetCds.Engine;
using KetCds.Rules;

namespace KetCds.Clinical.Internal;

/// <summary>
/// Reads the typed attributes the clinical rule files put on outcomes into contract values. Each table is also what
/// <see cref="ClinicalVocabulary"/> declares, so a rule set that allows a value with no entry fails to load instead of
/// the value silently becoming "unspecified".
/// </summary>
internal static class AttributeReader
{
    public const string SeverityName = "severity";
    public const string CategoryName = "category";
    public const string AdjustmentsName = "adjustments";
    public const string RouteName = "route";
    public const string ProtocolName = "protocol";
    public const string ReliefKindName = "relief_kind";
    public const string ReliefMinName = "relief_min";
    public const string ReliefMaxName = "relief_max";
    public const string CourseSessionsMinName = "course_sessions_min";
    public const string CourseSessionsMaxName = "course_sessions_max";
    public const string CapMinName = "cap_min";
    public const string CapMaxName = "cap_max";

    private static readonly (decimal Hours, TimeUnit Unit)[] Units =
    [
        (730.5m, TimeUnit.Months),
        (168m, TimeUnit.Weeks),
        (24m, TimeUnit.Days),
        (1m, TimeUnit.Hours),
    ];

    private static readonly FrozenDictionary<string, Severity> Severities = Table(
        ("info", Contracts.V1.Severity.Info),
        ("low", Contracts.V1.Severity.Low),
        ("moderate", Contracts.V1.Severity.Moderate),
        ("high", Contracts.V1.Severity.High));

    private static readonly FrozenDictionary<string, AlertCategory> Categories = Table(
        ("drug_interaction", AlertCategory.DrugInteraction),
        ("tolerance", AlertCategory.Tolerance),
        ("session_cap", AlertCategory.SessionCap),
        ("abuse_potential", AlertCategory.AbusePotential),
        ("adverse_effects", AlertCategory.AdverseEffects),
        ("evidence_limits", AlertCategory.EvidenceLimits),
        ("other", AlertCategory.Other));

    private static readonly FrozenDictionary<string, Adjustment> AdjustmentValues = Table(
        ("screening", Adjustment.Screening),
        ("closer_monitoring", Adjustment.CloserMonitoring),
        ("reduced_dose", Adjustment.ReducedDose),
        ("shorter_duration", Adjustment.ShorterDuration),
        ("supervision", Adjustment.Supervision),
        ("spacing_infusions", Adjustment.SpacingInfusions),
        ("lowest_effective_dose", Adjustment.LowestEffectiveDose),
        ("individualized_continuation", Adjustment.IndividualizedReview));

    private static readonly FrozenDictionary<string, Route> Routes = Table(
        ("iv", Contracts.V1.Route.Iv),
        ("intranasal", Contracts.V1.Route.Intranasal),
        ("oral", Contracts.V1.Route.Oral),
        ("intramuscular", Contracts.V1.Route.Intramuscular),
        ("subcutaneous", Contracts.V1.Route.Subcutaneous),
        ("topical", Contracts.V1.Route.Topical),
        ("intrathecal", Contracts.V1.Route.Intrathecal));

    private static readonly FrozenDictionary<string, RouteProtocol> Protocols = Table(
        ("single_infusion", RouteProtocol.SingleInfusion),
        ("infusion_series", RouteProtocol.InfusionSeries),
        ("multi_day_continuous", RouteProtocol.MultiDayContinuous),
        ("between_infusions", RouteProtocol.AsNeeded),
        ("single_dose", RouteProtocol.SingleDose),
        ("while_applied", RouteProtocol.ContinuousApplication),
        ("booster", RouteProtocol.PeriodicBooster),
        ("alongside_opioids", RouteProtocol.AlongsideOpioids));

    private static readonly FrozenDictionary<string, ReliefRangeKind> ReliefKinds = Table(
        ("range", ReliefRangeKind.Bounded),
        ("at_least", ReliefRangeKind.AtLeast),
        ("at_most", ReliefRangeKind.UpTo),
        ("while_administered", ReliefRangeKind.OnlyWhileAdministered));

    /// <summary>Every attribute this reader reads, with the values it understands: the attribute half of the clinical vocabulary contract.</summary>
    public static ImmutableArray<ExpectedAttribute> Expected { get; } =
    [
        Symbolic(SeverityName, FactType.Enum, Severities, "the severity of a risk modifier or alert"),
        Symbolic(CategoryName, FactType.Enum, Categories, "the category of an alert"),
        Symbolic(AdjustmentsName, FactType.EnumSet, AdjustmentValues, "a risk modifier's adjustments"),
        Symbolic(RouteName, FactType.Enum, Routes, "the route of a recommendation or relief estimate"),
        Symbolic(ProtocolName, FactType.Enum, Protocols, "the protocol of a recommendation or relief estimate"),
        Symbolic(ReliefKindName, FactType.Enum, ReliefKinds, "the kind of a relief estimate's range"),
        new(ReliefMinName, FactType.Duration, [], "the lower bound of a relief estimate"),
        new(ReliefMaxName, FactType.Duration, [], "the upper bound of a relief estimate"),
        new(CourseSessionsMinName, FactType.Integer, [], "RouteRecommendation.course_sessions_min"),
        new(CourseSessionsMaxName, FactType.Integer, [], "RouteRecommendation.course_sessions_max"),
        new(CapMinName, FactType.Integer, [], "SessionCap.min_sessions"),
        new(CapMaxName, FactType.Integer, [], "SessionCap.max_sessions"),
    ];

    public static string? Symbol(Outcome outcome, string name) => outcome.Attribute(name)?.Symbol;

    // Absent attributes read as unspecified; a present value always has an entry, because the contract is checked at load.
    public static Severity Severity(Outcome outcome) => Read(Severities, Symbol(outcome, SeverityName), Contracts.V1.Severity.Unspecified);

    public static AlertCategory Category(Outcome outcome) => Read(Categories, Symbol(outcome, CategoryName), AlertCategory.Other);

    public static IEnumerable<Adjustment> Adjustments(Outcome outcome) =>
        (outcome.Attribute(AdjustmentsName)?.Symbols ?? []).Select(symbol => Read(AdjustmentValues, symbol, Adjustment.Unspecified)).Order();

    public static Route Route(Outcome outcome) => Read(Routes, Symbol(outcome, RouteName), Contracts.V1.Route.Unspecified);

    public static RouteProtocol Protocol(Outcome outcome) => Read(Protocols, Symbol(outcome, ProtocolName), RouteProtocol.Unspecified);

    public static ReliefRange? Relief(Outcome outcome)
    {
        var kind = Read(ReliefKinds, Symbol(outcome, ReliefKindName), ReliefRangeKind.Unspecified);
        if (kind == ReliefRangeKind.Unspecified)
        {
            return null;
        }

        var range = new ReliefRange { Kind = kind };
        if (outcome.Attribute(ReliefMinName) is { Type: FactType.Duration } lower)
        {
            range.Lower = Amount(lower.Number);
        }

        if (outcome.Attribute(ReliefMaxName) is { Type: FactType.Duration } upper)
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

    private static FrozenDictionary<string, T> Table<T>(params (string Symbol, T Value)[] entries) =>
        entries.ToFrozenDictionary(e => e.Symbol, e => e.Value, StringComparer.Ordinal);

    private static ExpectedAttribute Symbolic<T>(string name, FactType type, FrozenDictionary<string, T> table, string purpose) =>
        new(name, type, [.. table.Keys.Order(StringComparer.Ordinal)], purpose);

    private static T Read<T>(FrozenDictionary<string, T> table, string? symbol, T absent) =>
        symbol is not null && table.TryGetValue(symbol, out var value) ? value : absent;
}

using System.Globalization;
using KetCds.Engine;

namespace KetCds.Cli.Internal.Review;

/// <summary>
/// Renders a rule's condition in plain words for a clinical reviewer: fact names read as words, values as the
/// rule files write them, and "recorded" / "not recorded" for presence tests, so the three-valued logic stays visible.
/// </summary>
internal static class ConditionWords
{
    public static string Of(Condition condition, CompiledRuleSet ruleSet) => Render(condition, ruleSet, nested: false);

    /// <summary>A fact name as words: <c>history_bladder_problems</c> reads "history bladder problems".</summary>
    public static string Name(string fact) => fact.Replace('_', ' ');

    private static string Render(Condition condition, CompiledRuleSet ruleSet, bool nested) => condition switch
    {
        AllCondition all => Join(all.Items, " and ", ruleSet, nested),
        AnyCondition any => Join(any.Items, " or ", ruleSet, nested),
        NotCondition not => "not (" + Render(not.Inner, ruleSet, nested: false) + ")",
        PresenceCondition presence => Presence(presence, ruleSet),
        ComparisonCondition comparison => Comparison(comparison),
        RangeCondition range => Range(range),
        MembershipCondition membership => Membership(membership),
        _ => condition.ToString() ?? string.Empty,
    };

    private static string Join(IReadOnlyList<Condition> items, string separator, CompiledRuleSet ruleSet, bool nested)
    {
        var text = string.Join(separator, items.Select(i => Render(i, ruleSet, nested: true)));
        return nested && items.Count > 1 ? "(" + text + ")" : text;
    }

    private static string Presence(PresenceCondition presence, CompiledRuleSet ruleSet)
    {
        var derived = ruleSet.FindFact(presence.Fact)?.Origin == FactOrigin.Derived;
        return (derived, presence.Present) switch
        {
            (true, true) => $"{Name(presence.Fact)} was concluded",
            (true, false) => $"{Name(presence.Fact)} was not concluded",
            (false, true) => $"{Name(presence.Fact)} is recorded",
            (false, false) => $"{Name(presence.Fact)} is not recorded",
        };
    }

    private static string Comparison(ComparisonCondition comparison)
    {
        var value = Value(comparison.Value);
        var verb = comparison.Operator switch
        {
            ComparisonOperator.Equal => "is",
            ComparisonOperator.NotEqual => "is not",
            ComparisonOperator.LessThan => "is below",
            ComparisonOperator.LessThanOrEqual => "is at most",
            ComparisonOperator.GreaterThan => "is above",
            ComparisonOperator.GreaterThanOrEqual => "is at least",
            _ => comparison.Operator.ToString(),
        };
        return $"{Name(comparison.Fact)} {verb} {value}";
    }

    private static string Range(RangeCondition range) => (range.Minimum, range.Maximum) switch
    {
        ({ } min, { } max) => $"{Name(range.Fact)} is from {Value(min)} to {Value(max)}",
        ({ } min, null) => $"{Name(range.Fact)} is at least {Value(min)}",
        (null, { } max) => $"{Name(range.Fact)} is at most {Value(max)}",
        _ => Name(range.Fact),
    };

    private static string Membership(MembershipCondition membership)
    {
        var values = string.Join(", ", membership.Symbols.Select(Name));
        return membership.Operator switch
        {
            MembershipOperator.In => $"{Name(membership.Fact)} is one of: {values}",
            MembershipOperator.NotIn => $"{Name(membership.Fact)} is none of: {values}",
            MembershipOperator.ContainsAny => $"{Name(membership.Fact)} include any of: {values}",
            MembershipOperator.ContainsAll => $"{Name(membership.Fact)} include all of: {values}",
            MembershipOperator.ContainsNone => $"{Name(membership.Fact)} include none of: {values}",
            _ => $"{Name(membership.Fact)} {membership.Operator} {values}",
        };
    }

    private static string Value(TypedValue value) => value.Type switch
    {
        FactType.Boolean => value.AsBoolean ? "yes" : "no",
        FactType.Enum => Name(value.Symbol ?? string.Empty),
        _ => Name(Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty),
    };
}

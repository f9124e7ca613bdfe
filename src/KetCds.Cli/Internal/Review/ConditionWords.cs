using System.Globalization;
using KetCds.Engine;

namespace KetCds.Cli.Internal.Review;

/// <summary>
/// Renders a rule's condition in plain words for a clinical reviewer: fact names read as words, values as the
/// rule files write them, and "recorded" / "not recorded" for presence tests, so the three-valued logic stays visible.
/// </summary>
internal static class ConditionWords
{
    private static readonly WordsVisitor Words = new();

    public static string Of(Condition condition, CompiledRuleSet ruleSet) => Words.Visit(condition, (ruleSet, false));

    /// <summary>A fact name as words: <c>history_bladder_problems</c> reads "history bladder problems".</summary>
    public static string Name(string fact) => fact.Replace('_', ' ');

    private static string Join(IReadOnlyList<Condition> items, string separator, CompiledRuleSet ruleSet, bool nested)
    {
        var text = string.Join(separator, items.Select(i => Words.Visit(i, (ruleSet, true))));
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

    /// <summary>Carries the rule set (to tell derived facts from inputs) and whether the node sits inside a group.</summary>
    private sealed class WordsVisitor : ConditionVisitor<(CompiledRuleSet RuleSet, bool Nested), string>
    {
        protected override string VisitAll(AllCondition all, (CompiledRuleSet RuleSet, bool Nested) at) => Join(all.Items, " and ", at.RuleSet, at.Nested);

        protected override string VisitAny(AnyCondition any, (CompiledRuleSet RuleSet, bool Nested) at) => Join(any.Items, " or ", at.RuleSet, at.Nested);

        protected override string VisitNot(NotCondition not, (CompiledRuleSet RuleSet, bool Nested) at) => "not (" + Visit(not.Inner, (at.RuleSet, false)) + ")";

        protected override string VisitPresence(PresenceCondition presence, (CompiledRuleSet RuleSet, bool Nested) at) => Presence(presence, at.RuleSet);

        protected override string VisitComparison(ComparisonCondition comparison, (CompiledRuleSet RuleSet, bool Nested) at) => Comparison(comparison);

        protected override string VisitRange(RangeCondition range, (CompiledRuleSet RuleSet, bool Nested) at) => Range(range);

        protected override string VisitMembership(MembershipCondition membership, (CompiledRuleSet RuleSet, bool Nested) at) => Membership(membership);

        protected override string VisitOther(Condition condition, (CompiledRuleSet RuleSet, bool Nested) at) => condition.ToString() ?? string.Empty;
    }
}

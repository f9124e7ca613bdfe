namespace KetCds.Engine.Internal;

/// <summary>
/// Appends the slot of every test in a condition with its polarity, as <c>(slot &lt;&lt; 1) | negative</c>, in the order
/// and with the polarity of <see cref="ConditionFacts.Tested"/>, into a list of ints rather than an enumerable of tuples:
/// generic code over value tuples is compiled by the JIT at every cold load (ReadyToRun cannot precompile it).
/// </summary>
internal sealed class TestedSlotCollector(FactIndex index, List<int> into) : ConditionVisitor<bool, bool>
{
    protected override bool VisitAll(AllCondition all, bool negated)
    {
        foreach (var item in all.Items)
        {
            Visit(item, negated);
        }

        return true;
    }

    protected override bool VisitAny(AnyCondition any, bool negated)
    {
        foreach (var item in any.Items)
        {
            Visit(item, negated);
        }

        return true;
    }

    protected override bool VisitNot(NotCondition not, bool negated) => Visit(not.Inner, !negated);

    protected override bool VisitPresence(PresenceCondition presence, bool negated) => Add(presence.Fact, negated ^ !presence.Present);

    protected override bool VisitComparison(ComparisonCondition comparison, bool negated) =>
        Add(comparison.Fact, negated ^ ConditionSemantics.IsNegative(comparison.Operator));

    protected override bool VisitRange(RangeCondition range, bool negated) => Add(range.Fact, negated);

    protected override bool VisitMembership(MembershipCondition membership, bool negated) =>
        Add(membership.Fact, negated ^ ConditionSemantics.IsNegative(membership.Operator));

    private bool Add(string fact, bool negative)
    {
        into.Add((index.Slots[fact] << 1) | (negative ? 1 : 0));
        return true;
    }
}

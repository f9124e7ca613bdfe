namespace KetCds.Engine.Internal;

/// <summary>Lists the facts a condition tests and with which polarity.</summary>
internal static class ConditionFacts
{
    private static readonly TestedVisitor Walker = new();
    private static readonly FactVisitor FactWalker = new();

    /// <summary>Every (fact, negative) pair tested; negative means the test can hold because the fact is absent.</summary>
    public static IEnumerable<(string Fact, bool Negative)> Tested(Condition condition, bool negated = false) => Walker.Visit(condition, negated);

    /// <summary>
    /// Every slot <paramref name="condition"/> tests, ascending and distinct (what <see cref="Tested"/> gives, as slots),
    /// using <paramref name="scratch"/> as working space.
    /// </summary>
    public static int[] TestedSlots(Condition condition, FactIndex index, List<int> scratch)
    {
        scratch.Clear();
        new TestedSlotCollector(index, scratch).Visit(condition, false);
        for (var i = 0; i < scratch.Count; i++)
        {
            scratch[i] >>= 1;
        }

        scratch.Sort();
        var distinct = 0;
        for (var i = 0; i < scratch.Count; i++)
        {
            if (i == 0 || scratch[i] != scratch[distinct - 1])
            {
                scratch[distinct++] = scratch[i];
            }
        }

        return System.Runtime.InteropServices.CollectionsMarshal.AsSpan(scratch)[..distinct].ToArray();
    }

    /// <summary>The fact an atomic condition tests.</summary>
    public static string FactOf(Condition atom) => FactWalker.Visit(atom, default);

    /// <summary>The first fact tested positively by a top-level conjunct, usable as an index key; null if none.</summary>
    public static string? Guard(Condition condition, FactIndex index)
    {
        var conjuncts = condition is AllCondition all ? all.Items.AsEnumerable() : [condition];
        foreach (var conjunct in conjuncts)
        {
            // Only an input fact can guard: a missing input makes the conjunct unknown, so the rule cannot fire.
            if (conjunct is ComparisonCondition or RangeCondition or MembershipCondition
                && FactOf(conjunct) is var fact && index.TryGet(fact, out var slot) && index.Definitions[slot].Origin == FactOrigin.Input)
            {
                return fact;
            }
        }

        return null;
    }

    private sealed class TestedVisitor : ConditionVisitor<bool, IEnumerable<(string Fact, bool Negative)>>
    {
        protected override IEnumerable<(string Fact, bool Negative)> VisitAll(AllCondition all, bool negated) => all.Items.SelectMany(c => Visit(c, negated));

        protected override IEnumerable<(string Fact, bool Negative)> VisitAny(AnyCondition any, bool negated) => any.Items.SelectMany(c => Visit(c, negated));

        protected override IEnumerable<(string Fact, bool Negative)> VisitNot(NotCondition not, bool negated) => Visit(not.Inner, !negated);

        protected override IEnumerable<(string Fact, bool Negative)> VisitPresence(PresenceCondition presence, bool negated) => [(presence.Fact, negated ^ !presence.Present)];

        protected override IEnumerable<(string Fact, bool Negative)> VisitComparison(ComparisonCondition comparison, bool negated) =>
            [(comparison.Fact, negated ^ ConditionSemantics.IsNegative(comparison.Operator))];

        protected override IEnumerable<(string Fact, bool Negative)> VisitRange(RangeCondition range, bool negated) => [(range.Fact, negated)];

        protected override IEnumerable<(string Fact, bool Negative)> VisitMembership(MembershipCondition membership, bool negated) =>
            [(membership.Fact, negated ^ ConditionSemantics.IsNegative(membership.Operator))];
    }

    private sealed class FactVisitor : ConditionVisitor<bool, string>
    {
        protected override string VisitAll(AllCondition all, bool context) => throw NotAnAtom(all);

        protected override string VisitAny(AnyCondition any, bool context) => throw NotAnAtom(any);

        protected override string VisitNot(NotCondition not, bool context) => throw NotAnAtom(not);

        protected override string VisitAtom(Condition atom, string fact, bool context) => fact;

        private static InvalidOperationException NotAnAtom(Condition condition) => new($"{condition.GetType().Name} is not an atomic test");
    }
}

namespace KetCds.Engine.Internal;

/// <summary>Re-evaluates a condition slowly, on the explanation path only, to say what blocked it.</summary>
internal static class ConditionTracer
{
    public static ConditionTrace Trace(Condition condition, FactIndex index, FactState state)
    {
        var truth = Evaluate(condition, index, state);
        if (truth == Truth.True)
        {
            return new ConditionTrace(truth, null, new(StringComparer.Ordinal), new(StringComparer.Ordinal));
        }

        var blocking = FindBlocking(condition, truth, index, state);
        var missing = new SortedSet<string>(StringComparer.Ordinal);
        if (truth == Truth.Unknown)
        {
            CollectMissing(blocking, index, state, missing);
        }

        var underived = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (fact, _) in ConditionFacts.Tested(blocking))
        {
            if (state.Status[index.Slots[fact]] is FactStatus.NotDerived or FactStatus.Undecided)
            {
                underived.Add(fact);
            }
        }

        return new ConditionTrace(truth, blocking, missing, underived);
    }

    public static Truth Evaluate(Condition condition, FactIndex index, FactState state)
    {
        switch (condition)
        {
            case AllCondition all:
                var allResult = Truth.True;
                foreach (var item in all.Items)
                {
                    var t = Evaluate(item, index, state);
                    if (t == Truth.False)
                    {
                        return Truth.False;
                    }

                    allResult = t == Truth.Unknown ? Truth.Unknown : allResult;
                }

                return allResult;
            case AnyCondition any:
                var anyResult = Truth.False;
                foreach (var item in any.Items)
                {
                    var t = Evaluate(item, index, state);
                    if (t == Truth.True)
                    {
                        return Truth.True;
                    }

                    anyResult = t == Truth.Unknown ? Truth.Unknown : anyResult;
                }

                return anyResult;
            case NotCondition not:
                return ConditionSemantics.Not(Evaluate(not.Inner, index, state));
        }

        var slot = index.Slots[Fact(condition)];
        var status = state.Status[slot];
        var value = state.Values[slot];
        return condition switch
        {
            PresenceCondition p => ConditionSemantics.Presence(status, p.Present),
            ComparisonCondition c => ConditionSemantics.Compare(status, value, c.Operator, c.Value),
            RangeCondition r => ConditionSemantics.Range(status, value, r.Minimum, r.Maximum),
            MembershipCondition m => ConditionSemantics.Membership(status, value, m.Operator, [.. m.Symbols]),
            _ => throw new InvalidOperationException($"unsupported condition {condition.GetType().Name}"),
        };
    }

    /// <summary>
    /// Adds the absent inputs that make an unknown condition unknown: only inside unknown branches, because an
    /// input under a conjunct that is already true, or a disjunct already false, cannot decide it.
    /// </summary>
    public static void CollectMissing(Condition condition, FactIndex index, FactState state, SortedSet<string> missing)
    {
        if (Evaluate(condition, index, state) != Truth.Unknown)
        {
            return;
        }

        switch (condition)
        {
            case AllCondition all:
                foreach (var item in all.Items)
                {
                    CollectMissing(item, index, state, missing);
                }

                return;
            case AnyCondition any:
                foreach (var item in any.Items)
                {
                    CollectMissing(item, index, state, missing);
                }

                return;
            case NotCondition not:
                CollectMissing(not.Inner, index, state, missing);
                return;
        }

        var fact = Fact(condition);
        if (state.Status[index.Slots[fact]] == FactStatus.Missing)
        {
            missing.Add(fact);
        }
    }

    private static Condition FindBlocking(Condition condition, Truth truth, FactIndex index, FactState state)
    {
        if (condition is not AllCondition all)
        {
            return condition;
        }

        // In a conjunction the first false conjunct decides; only when none is false does an unknown one.
        foreach (var item in all.Items)
        {
            if (Evaluate(item, index, state) == truth)
            {
                return FindBlocking(item, truth, index, state);
            }
        }

        return condition;
    }

    private static string Fact(Condition condition) => condition switch
    {
        PresenceCondition p => p.Fact,
        ComparisonCondition c => c.Fact,
        RangeCondition r => r.Fact,
        MembershipCondition m => m.Fact,
        _ => throw new InvalidOperationException($"unsupported condition {condition.GetType().Name}"),
    };
}

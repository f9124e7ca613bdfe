namespace KetCds.Engine.Internal;

/// <summary>Turns a validated condition tree into a delegate over slots, once per rule-set version.</summary>
internal static class ConditionCompiler
{
    public static Func<FactState, Truth> Compile(Condition condition, FactIndex index) => condition switch
    {
        AllCondition all => All(all.Items.Select(c => Compile(c, index)).ToArray()),
        AnyCondition any => Any(any.Items.Select(c => Compile(c, index)).ToArray()),
        NotCondition not => Not(Compile(not.Inner, index)),
        PresenceCondition presence => Presence(index.Slots[presence.Fact], presence.Present),
        ComparisonCondition comparison => Comparison(index.Slots[comparison.Fact], comparison.Operator, comparison.Value),
        RangeCondition range => Range(index.Slots[range.Fact], range.Minimum, range.Maximum),
        MembershipCondition membership => Membership(index.Slots[membership.Fact], membership.Operator, membership.Symbols.ToArray()),
        _ => throw new InvalidOperationException($"unsupported condition {condition.GetType().Name}"),
    };

    private static Func<FactState, Truth> All(Func<FactState, Truth>[] items)
    {
        if (items.Length == 1)
        {
            return items[0];
        }

        return state =>
        {
            var result = Truth.True;
            foreach (var item in items)
            {
                var truth = item(state);
                if (truth == Truth.False)
                {
                    return Truth.False;
                }

                if (truth == Truth.Unknown)
                {
                    result = Truth.Unknown;
                }
            }

            return result;
        };
    }

    private static Func<FactState, Truth> Any(Func<FactState, Truth>[] items)
    {
        if (items.Length == 1)
        {
            return items[0];
        }

        return state =>
        {
            var result = Truth.False;
            foreach (var item in items)
            {
                var truth = item(state);
                if (truth == Truth.True)
                {
                    return Truth.True;
                }

                if (truth == Truth.Unknown)
                {
                    result = Truth.Unknown;
                }
            }

            return result;
        };
    }

    private static Func<FactState, Truth> Not(Func<FactState, Truth> inner) => state => ConditionSemantics.Not(inner(state));

    private static Func<FactState, Truth> Presence(int slot, bool present) =>
        state => ConditionSemantics.Presence(state.Status[slot], present);

    private static Func<FactState, Truth> Comparison(int slot, ComparisonOperator op, FactValue literal) =>
        state => ConditionSemantics.Compare(state.Status[slot], state.Values[slot], op, literal);

    private static Func<FactState, Truth> Range(int slot, FactValue? minimum, FactValue? maximum) =>
        state => ConditionSemantics.Range(state.Status[slot], state.Values[slot], minimum, maximum);

    private static Func<FactState, Truth> Membership(int slot, MembershipOperator op, string[] symbols) =>
        state => ConditionSemantics.Membership(state.Status[slot], state.Values[slot], op, symbols);
}

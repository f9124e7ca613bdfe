namespace KetCds.Engine.Internal;

/// <summary>Re-evaluates a condition slowly, on the explanation path only, to say what blocked it.</summary>
internal static class ConditionTracer
{
    private static readonly TruthVisitor Evaluator = new();
    private static readonly MissingVisitor Collector = new();

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

    public static Truth Evaluate(Condition condition, FactIndex index, FactState state) => Evaluator.Visit(condition, (index, state));

    /// <summary>
    /// Adds the absent inputs that make an unknown condition unknown: only inside unknown branches, because an
    /// input under a conjunct that is already true, or a disjunct already false, cannot decide it.
    /// </summary>
    public static void CollectMissing(Condition condition, FactIndex index, FactState state, SortedSet<string> missing)
    {
        if (Evaluate(condition, index, state) == Truth.Unknown)
        {
            Collector.Visit(condition, (index, state, missing));
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

    /// <summary>A condition's truth over the final facts, junctions folded by <see cref="ConditionSemantics"/> as the compiled code folds them.</summary>
    private sealed class TruthVisitor : ConditionVisitor<(FactIndex Index, FactState State), Truth>
    {
        protected override Truth VisitAll(AllCondition all, (FactIndex Index, FactState State) context) => Junction(false, all.Items, context);

        protected override Truth VisitAny(AnyCondition any, (FactIndex Index, FactState State) context) => Junction(true, any.Items, context);

        protected override Truth VisitNot(NotCondition not, (FactIndex Index, FactState State) context) => ConditionSemantics.Not(Visit(not.Inner, context));

        protected override Truth VisitAtom(Condition atom, string fact, (FactIndex Index, FactState State) context)
        {
            var slot = context.Index.Slots[fact];
            return ConditionSemantics.Atom(atom, context.State.Status[slot], context.State.Values[slot]);
        }

        private Truth Junction(bool any, System.Collections.Immutable.ImmutableArray<Condition> items, (FactIndex Index, FactState State) context)
        {
            var truth = ConditionSemantics.Unit(any);
            foreach (var item in items)
            {
                truth = ConditionSemantics.Join(any, truth, (int)Visit(item, context));
                if (ConditionSemantics.Decided(any, truth))
                {
                    break;
                }
            }

            return (Truth)truth;
        }
    }

    /// <summary>Walks only into unknown branches, adding the missing inputs it meets.</summary>
    private sealed class MissingVisitor : ConditionVisitor<(FactIndex Index, FactState State, SortedSet<string> Missing), bool>
    {
        protected override bool VisitAll(AllCondition all, (FactIndex Index, FactState State, SortedSet<string> Missing) context) => Items(all.Items, context);

        protected override bool VisitAny(AnyCondition any, (FactIndex Index, FactState State, SortedSet<string> Missing) context) => Items(any.Items, context);

        protected override bool VisitNot(NotCondition not, (FactIndex Index, FactState State, SortedSet<string> Missing) context) => Items([not.Inner], context);

        protected override bool VisitAtom(Condition atom, string fact, (FactIndex Index, FactState State, SortedSet<string> Missing) context) =>
            context.State.Status[context.Index.Slots[fact]] == FactStatus.Missing && context.Missing.Add(fact);

        private bool Items(System.Collections.Immutable.ImmutableArray<Condition> items, (FactIndex Index, FactState State, SortedSet<string> Missing) context)
        {
            var added = false;
            foreach (var item in items)
            {
                if (Evaluate(item, context.Index, context.State) == Truth.Unknown)
                {
                    added |= Visit(item, context);
                }
            }

            return added;
        }
    }
}

namespace KetCds.Engine.Internal.Kernel;

/// <summary>
/// A condition as at most four clauses of at most two literals (a Kleene min of maxes over test truths), evaluated
/// without branches. Most rules are a conjunction of tests, some with a two-way <c>any</c> or a negation; those fit.
/// Negations are pushed to the tests (De Morgan holds exactly in Kleene logic: 2 - min(a, b) = max(2 - a, 2 - b)).
/// </summary>
internal static class ClauseForm
{
    /// <summary>Literals per rule: four clauses of two.</summary>
    public const int Slots = 8;

    private const int Clauses = 4;

    /// <summary>Writes node <paramref name="root"/>'s clause form into <paramref name="slots"/>; false when it does not fit.</summary>
    public static bool TryWrite(ConditionProgram program, int root, Span<int> slots)
    {
        var clauses = new List<List<int>>();
        if (!Conjunction(program, root, negated: false, clauses) || clauses.Count is 0 or > Clauses)
        {
            return false;
        }

        for (var c = 0; c < Clauses; c++)
        {
            // Missing clauses repeat the first (min is idempotent), a one-literal clause repeats its literal (max is).
            var clause = clauses[c < clauses.Count ? c : 0];
            slots[2 * c] = clause[0];
            slots[(2 * c) + 1] = clause[^1];
        }

        return true;
    }

    /// <summary>min over clauses of max over literals, each literal a test truth or its Kleene negation.</summary>
    public static int Evaluate(ReadOnlySpan<int> slots, byte[] tests)
    {
        var a = Math.Max(Literal(slots[0], tests), Literal(slots[1], tests));
        var b = Math.Max(Literal(slots[2], tests), Literal(slots[3], tests));
        var c = Math.Max(Literal(slots[4], tests), Literal(slots[5], tests));
        var d = Math.Max(Literal(slots[6], tests), Literal(slots[7], tests));
        return Math.Min(Math.Min(a, b), Math.Min(c, d));
    }

    /// <summary>The truth of a literal: v, or 2 - v when negated, as (v ^ m) + (m &amp; 3) with m all ones or zero.</summary>
    private static int Literal(int literal, byte[] tests)
    {
        var mask = -(literal & 1);
        return (tests[literal >> 1] ^ mask) + (mask & 3);
    }

    /// <summary>The clauses whose min is node <paramref name="node"/> (or its negation): an all, or a negated any.</summary>
    private static bool Conjunction(ConditionProgram program, int node, bool negated, List<List<int>> clauses)
    {
        var any = program.IsAny[node] != negated;
        var (start, end) = (program.Start[node], program.Start[node + 1]);
        if (any)
        {
            // A disjunction is one clause; a one-item one is its item.
            if (end - start == 1)
            {
                return Item(program, program.Entries[start], negated, clauses);
            }

            var clause = new List<int>();
            return Disjunction(program, node, negated, clause) && Add(clauses, clause);
        }

        for (var i = start; i < end; i++)
        {
            if (!Item(program, program.Entries[i], negated, clauses))
            {
                return false;
            }
        }

        return true;
    }

    private static bool Item(ConditionProgram program, int entry, bool negated, List<List<int>> clauses)
    {
        var itemNegated = negated ^ ((entry & ConditionProgram.Negated) != 0);
        if ((entry & ConditionProgram.IsNode) == 0)
        {
            return Add(clauses, [((entry >> 2) << 1) | (itemNegated ? 1 : 0)]);
        }

        return Conjunction(program, entry >> 2, itemNegated, clauses);
    }

    /// <summary>The literals whose max is node <paramref name="node"/> (or its negation): tests only, at most two.</summary>
    private static bool Disjunction(ConditionProgram program, int node, bool negated, List<int> clause)
    {
        for (var i = program.Start[node]; i < program.Start[node + 1]; i++)
        {
            var entry = program.Entries[i];
            if ((entry & ConditionProgram.IsNode) != 0 || clause.Count == 2)
            {
                return false;
            }

            clause.Add(((entry >> 2) << 1) | ((negated ^ ((entry & ConditionProgram.Negated) != 0)) ? 1 : 0));
        }

        return clause.Count > 0;
    }

    private static bool Add(List<List<int>> clauses, List<int> clause)
    {
        clauses.Add(clause);
        return clauses.Count <= Clauses;
    }
}

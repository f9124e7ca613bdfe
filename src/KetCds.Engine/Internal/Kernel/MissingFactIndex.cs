using System.Runtime.Intrinsics;

namespace KetCds.Engine.Internal.Kernel;

/// <summary>
/// Per input slot, the rules whose condition tests it (ascending), made once per rule set: a rule that tests no missing
/// input cannot be undecided for want of one, so <see cref="MissingFactFinder"/> walks only the rules of missing inputs.
/// </summary>
internal sealed class MissingFactIndex
{
    private readonly int[] _start;
    private readonly int[] _rules;

    public MissingFactIndex(CompiledRuleSet ruleSet)
    {
        var program = ruleSet.Kernel.Program;
        var table = ruleSet.Kernel.Tests;
        var slots = ruleSet.Facts.Count;
        var bySlot = new List<int>[slots];
        for (var s = 0; s < slots; s++)
        {
            bySlot[s] = [];
        }

        var seen = new HashSet<int>();
        for (var rule = 0; rule < program.Root.Length; rule++)
        {
            seen.Clear();
            Tested(program, table, program.Root[rule], seen);
            foreach (var slot in seen.Order())
            {
                bySlot[slot].Add(rule);
            }
        }

        Inputs = [.. Enumerable.Range(0, slots).Where(s => ruleSet.Facts.Definitions[s].Origin == FactOrigin.Input && bySlot[s].Count > 0)];
        _start = new int[slots + 1];
        for (var s = 0; s < slots; s++)
        {
            _start[s + 1] = _start[s] + bySlot[s].Count;
        }

        _rules = [.. bySlot.SelectMany(rules => rules)];
        Words = (program.Root.Length + 63) / 64;
        Slots = slots;
        if (Words <= MaxRowWords)
        {
            Rows = new ulong[slots * Words];
            for (var s = 0; s < slots; s++)
            {
                foreach (var rule in bySlot[s])
                {
                    Rows[(s * Words) + (rule >> 6)] |= 1UL << rule;
                }
            }

            // Per test, the rules using it; per rule, whether its condition is tests only under one node.
            TestRows = new ulong[table.Count * Words];
            Flat = new ulong[Words];
            Conjunctive = new ulong[Words];
            Falsifying = new ulong[table.Count * 3 * Words];
            for (var rule = 0; rule < program.Root.Length; rule++)
            {
                var root = program.Root[rule];
                var flat = true;
                MarkTests(program, root, rule, Words, TestRows, ref flat);
                Flat[rule >> 6] |= flat ? 1UL << rule : 0;
                if (flat && !program.IsAny[root])
                {
                    // A conjunction of tests is false exactly when a test it reads plainly is false or one it negates is true.
                    Conjunctive[rule >> 6] |= 1UL << rule;
                    for (var i = program.Start[root]; i < program.Start[root + 1]; i++)
                    {
                        var entry = program.Entries[i];
                        var falseWhen = (entry & ConditionProgram.Negated) != 0 ? (int)Truth.True : (int)Truth.False;
                        Falsifying[((((entry >> 2) * 3) + falseWhen) * Words) + (rule >> 6)] |= 1UL << rule;
                    }
                }
            }

            if (Words <= 2)
            {
                // The same rows two words apart whatever the set's size, so that one two-register path serves up to 128 rules.
                var testRows = Widen(TestRows, Words);
                var falsifying = Widen(Falsifying, Words);
                FalsifyingPairs = new Vector128<ulong>[falsifying.Length / 2];
                for (var i = 0; i < FalsifyingPairs.Length; i++)
                {
                    FalsifyingPairs[i] = Vector128.Create(falsifying[i * 2], falsifying[(i * 2) + 1]);
                }

                FlatPair = Widen(Flat, Words);
                ConjunctivePair = Widen(Conjunctive, Words);

                // A missing input's tests keep the truth they have while it is missing (only setting it changes them).
                MissingRowPairs = new ulong[slots * 2];
                foreach (var slot in Inputs)
                {
                    for (var t = table.SlotStart[slot]; t < table.SlotStart[slot + 1]; t++)
                    {
                        if (table.AbsentTruth[t][(int)FactStatus.Missing] == (byte)Truth.Unknown)
                        {
                            MissingRowPairs[slot * 2] |= testRows[t * 2];
                            MissingRowPairs[(slot * 2) + 1] |= testRows[(t * 2) + 1];
                        }
                    }
                }
            }
        }
    }

    /// <summary>Rule sets of at most this many 64-rule words keep each input's rules as a bit row too.</summary>
    public const int MaxRowWords = 8;

    /// <summary>Per slot, <see cref="Words"/> words marking the rules testing it; null for larger rule sets (use <see cref="RulesOf"/>).</summary>
    public ulong[]? Rows { get; }

    /// <summary>Per test, <see cref="Words"/> words marking the rules whose condition uses it; null when <see cref="Rows"/> is.</summary>
    public ulong[]? TestRows { get; }

    /// <summary>
    /// The rules whose condition is one node over tests only (no nested all, any or not): when such a rule is unknown, the
    /// missing inputs naming it are exactly the missing slots of its unknown tests; null when <see cref="Rows"/> is.
    /// </summary>
    public ulong[]? Flat { get; }

    /// <summary>The flat rules whose one node is an all: each is false exactly when one of its literals is.</summary>
    public ulong[]? Conjunctive { get; }

    /// <summary>
    /// Per test and truth (test * 3 + truth), <see cref="Words"/> words marking the <see cref="Conjunctive"/> rules that
    /// truth of the test makes false; null when <see cref="Rows"/> is.
    /// </summary>
    public ulong[]? Falsifying { get; }

    /// <summary>
    /// Per input slot, two words marking the rules using one of its tests that is unknown while the input is missing (the
    /// candidates a missing input makes), for sets of at most 128 rules (the high word zero up to 64); else null.
    /// </summary>
    public ulong[]? MissingRowPairs { get; }

    /// <summary>
    /// <see cref="Falsifying"/> with the two words of a row in one vector (one load and one OR per test), as
    /// <see cref="MissingRowPairs"/>.
    /// </summary>
    public Vector128<ulong>[]? FalsifyingPairs { get; }

    /// <summary><see cref="Flat"/> in two words, as <see cref="MissingRowPairs"/>.</summary>
    public ulong[]? FlatPair { get; }

    /// <summary><see cref="Conjunctive"/> in two words, as <see cref="MissingRowPairs"/>.</summary>
    public ulong[]? ConjunctivePair { get; }

    /// <summary>The input slots some rule tests, ascending.</summary>
    public int[] Inputs { get; }

    /// <summary>How many 64-bit words a set of rules takes.</summary>
    public int Words { get; }

    /// <summary>How many fact slots the rule set has.</summary>
    public int Slots { get; }

    /// <summary>The rules testing <paramref name="slot"/>, ascending.</summary>
    public ReadOnlySpan<int> RulesOf(int slot) => _rules.AsSpan(_start[slot], _start[slot + 1] - _start[slot]);

    private static ulong[] Widen(ulong[] rows, int words)
    {
        if (words == 2)
        {
            return rows;
        }

        var wide = new ulong[rows.Length * 2];
        for (var i = 0; i < rows.Length; i++)
        {
            wide[i * 2] = rows[i];
        }

        return wide;
    }

    private static void MarkTests(ConditionProgram program, int node, int rule, int words, ulong[] rows, ref bool flat)
    {
        for (var i = program.Start[node]; i < program.Start[node + 1]; i++)
        {
            var entry = program.Entries[i];
            if ((entry & ConditionProgram.IsNode) != 0)
            {
                flat = false;
                MarkTests(program, entry >> 2, rule, words, rows, ref flat);
            }
            else
            {
                rows[((entry >> 2) * words) + (rule >> 6)] |= 1UL << rule;
            }
        }
    }

    private static void Tested(ConditionProgram program, TestTable table, int node, HashSet<int> slots)
    {
        for (var i = program.Start[node]; i < program.Start[node + 1]; i++)
        {
            var entry = program.Entries[i];
            if ((entry & ConditionProgram.IsNode) != 0)
            {
                Tested(program, table, entry >> 2, slots);
            }
            else
            {
                slots.Add(table.Slot[entry >> 2]);
            }
        }
    }
}

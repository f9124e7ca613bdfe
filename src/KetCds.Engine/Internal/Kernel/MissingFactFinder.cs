using System.Buffers;
using System.Collections.Immutable;
using System.Numerics;
using System.Runtime.InteropServices;

namespace KetCds.Engine.Internal.Kernel;

/// <summary>
/// Lists the missing inputs that would decide undecided rules, over the final test truths: the same walk as
/// <see cref="ConditionTracer.CollectMissing"/> (only into unknown branches) without re-evaluating the condition tree
/// at every level.
/// </summary>
internal static class MissingFactFinder
{
    public static ImmutableArray<MissingFact> Find(CompiledRuleSet ruleSet, FactStatus[] status, RuleTruth[] truth, byte[] tests)
    {
        var initial = ArrayPool<long>.Shared.Rent(256);
        var pairs = initial;
        try
        {
            var count = Pairs(ruleSet, status, truth, tests, ref pairs);
            return count == 0 ? [] : Group(ruleSet, pairs.AsSpan(0, count));
        }
        finally
        {
            ArrayPool<long>.Shared.Return(initial);
        }
    }

    /// <summary>
    /// The (slot, rule) pairs of the missing facts, packed into one number with the slot high, sorted and each once, into
    /// <paramref name="items"/> (replaced by a larger array when it is too small); returns how many.
    /// </summary>
    public static int Pairs(CompiledRuleSet ruleSet, FactStatus[] status, RuleTruth[] truth, byte[] tests, ref long[] items)
    {
        var kernel = ruleSet.Kernel;
        var program = kernel.Program;
        var index = ruleSet.MissingIndex;

        // Only rules that test a missing input can name one: mark them, then walk them in rule order.
        var words = index.Words;
        var rentedWords = words > 64 ? ArrayPool<ulong>.Shared.Rent(words) : null;
        var candidates = rentedWords is null ? stackalloc ulong[words] : rentedWords.AsSpan(0, words);
        candidates.Clear();
        var rows = index.Rows;
        foreach (var slot in index.Inputs)
        {
            if (status[slot] != FactStatus.Missing)
            {
                continue;
            }

            if (rows is not null)
            {
                for (var w = 0; w < words; w++)
                {
                    candidates[w] |= rows[(slot * words) + w];
                }
            }
            else
            {
                foreach (var rule in index.RulesOf(slot))
                {
                    candidates[rule >> 6] |= 1UL << rule;
                }
            }
        }

        var pairs = new PairList(items, 0);
        for (var w = 0; w < words; w++)
        {
            var bits = candidates[w];
            while (bits != 0)
            {
                var rule = (w << 6) + BitOperations.TrailingZeroCount(bits);
                bits &= bits - 1;
                if (truth[rule] is RuleTruth.Unknown or RuleTruth.Skipped && kernel.IsUnknown(rule, tests))
                {
                    Collect(program, kernel.Tests, program.Root[rule], rule, status, tests, ref pairs);
                }
            }
        }

        if (rentedWords is not null)
        {
            ArrayPool<ulong>.Shared.Return(rentedWords);
        }

        items = pairs.Items;
        return SortDistinct(items.AsSpan(0, pairs.Count), index.Slots);
    }

    /// <summary>
    /// Orders pairs that arrive in rule order by slot, keeping rule order within a slot (a counting sort: slots follow
    /// ordinal name order and rules ordinal id order, so this orders the answer), and keeps each once (a rule testing
    /// one slot twice gives its pair twice, adjacent after the sort).
    /// </summary>
    private static int SortDistinct(Span<long> pairs, int slots)
    {
        if (pairs.Length <= 1)
        {
            return pairs.Length;
        }

        var rentedStart = slots >= 1024 ? ArrayPool<int>.Shared.Rent(slots + 1) : null;
        var start = rentedStart is null ? stackalloc int[slots + 1] : rentedStart.AsSpan(0, slots + 1);
        var rentedCopy = pairs.Length > 256 ? ArrayPool<long>.Shared.Rent(pairs.Length) : null;
        var copy = rentedCopy is null ? stackalloc long[pairs.Length] : rentedCopy.AsSpan(0, pairs.Length);
        start.Clear();
        foreach (var pair in pairs)
        {
            start[(int)(pair >> 32) + 1]++;
        }

        for (var s = 0; s < slots; s++)
        {
            start[s + 1] += start[s];
        }

        pairs.CopyTo(copy);
        foreach (var pair in copy)
        {
            pairs[start[(int)(pair >> 32)]++] = pair;
        }

        var count = 0;
        for (var i = 0; i < pairs.Length; i++)
        {
            if (i == 0 || pairs[i] != pairs[i - 1])
            {
                pairs[count++] = pairs[i];
            }
        }

        if (rentedStart is not null)
        {
            ArrayPool<int>.Shared.Return(rentedStart);
        }

        if (rentedCopy is not null)
        {
            ArrayPool<long>.Shared.Return(rentedCopy);
        }

        return count;
    }

    private static ImmutableArray<MissingFact> Group(CompiledRuleSet ruleSet, ReadOnlySpan<long> pairs)
    {
        var facts = 1;
        for (var i = 1; i < pairs.Length; i++)
        {
            facts += (int)(pairs[i] >> 32) != (int)(pairs[i - 1] >> 32) ? 1 : 0;
        }

        var result = new MissingFact[facts];
        var n = 0;
        var start = 0;
        while (start < pairs.Length)
        {
            var slot = (int)(pairs[start] >> 32);
            var end = start + 1;
            while (end < pairs.Length && (int)(pairs[end] >> 32) == slot)
            {
                end++;
            }

            var rules = new string[end - start];
            for (var i = start; i < end; i++)
            {
                rules[i - start] = ruleSet.Rules[(int)pairs[i]].Model.Id;
            }

            result[n++] = new MissingFact(ruleSet.Facts.Definitions[slot].Name, ImmutableCollectionsMarshal.AsImmutableArray(rules));
            start = end;
        }

        return ImmutableCollectionsMarshal.AsImmutableArray(result);
    }

    private static void Collect(ConditionProgram program, TestTable table, int node, int rule, FactStatus[] status, byte[] tests, ref PairList pairs)
    {
        for (var i = program.Start[node]; i < program.Start[node + 1]; i++)
        {
            var entry = program.Entries[i];
            var index = entry >> 2;
            if ((entry & ConditionProgram.IsNode) != 0)
            {
                // Negation keeps unknown unknown, so only the inner truth matters.
                if (program.Evaluate(index, tests) == (byte)Truth.Unknown)
                {
                    Collect(program, table, index, rule, status, tests, ref pairs);
                }
            }
            else if (tests[index] == (byte)Truth.Unknown && status[table.Slot[index]] == FactStatus.Missing)
            {
                pairs.Add(((long)table.Slot[index] << 32) | (uint)rule);
            }
        }
    }

    /// <summary>A growable list over a given array, replaced by a larger one when full (the given one is left to its owner).</summary>
    private struct PairList(long[] items, int count)
    {
        public long[] Items = items;

        public int Count = count;

        public void Add(long pair)
        {
            if (Count == Items.Length)
            {
                var larger = new long[Items.Length * 2];
                Items.AsSpan().CopyTo(larger);
                Items = larger;
            }

            Items[Count++] = pair;
        }
    }
}

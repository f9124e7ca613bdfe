using System.Buffers;
using System.Collections.Immutable;
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
        var kernel = ruleSet.Kernel;
        var program = kernel.Program;

        // (slot, rule) pairs packed into one number, slot high: sorting them is a primitive sort, and since slots follow
        // ordinal name order and rules ordinal id order, it sorts the answer.
        var pairs = new Pairs(ArrayPool<long>.Shared.Rent(64), 0);
        try
        {
            for (var rule = 0; rule < truth.Length; rule++)
            {
                if (truth[rule] is RuleTruth.Unknown or RuleTruth.Skipped && kernel.IsUnknown(rule, tests))
                {
                    Collect(program, kernel.Tests, program.Root[rule], rule, status, tests, ref pairs);
                }
            }

            return pairs.Count == 0 ? [] : Group(ruleSet, pairs.Items.AsSpan(0, pairs.Count));
        }
        finally
        {
            ArrayPool<long>.Shared.Return(pairs.Items);
        }
    }

    private static ImmutableArray<MissingFact> Group(CompiledRuleSet ruleSet, Span<long> pairs)
    {
        pairs.Sort();
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
            var distinct = 1;
            for (; end < pairs.Length && (int)(pairs[end] >> 32) == slot; end++)
            {
                distinct += pairs[end] != pairs[end - 1] ? 1 : 0;
            }

            var rules = new string[distinct];
            var r = 0;
            for (var i = start; i < end; i++)
            {
                if (i == start || pairs[i] != pairs[i - 1])
                {
                    rules[r++] = ruleSet.Rules[(int)pairs[i]].Model.Id;
                }
            }

            result[n++] = new MissingFact(ruleSet.Facts.Definitions[slot].Name, ImmutableCollectionsMarshal.AsImmutableArray(rules));
            start = end;
        }

        return ImmutableCollectionsMarshal.AsImmutableArray(result);
    }

    private static void Collect(ConditionProgram program, TestTable table, int node, int rule, FactStatus[] status, byte[] tests, ref Pairs pairs)
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

    /// <summary>A growable list over pooled arrays.</summary>
    private struct Pairs(long[] items, int count)
    {
        public long[] Items = items;

        public int Count = count;

        public void Add(long pair)
        {
            if (Count == Items.Length)
            {
                var larger = ArrayPool<long>.Shared.Rent(Items.Length * 2);
                Items.AsSpan().CopyTo(larger);
                ArrayPool<long>.Shared.Return(Items);
                Items = larger;
            }

            Items[Count++] = pair;
        }
    }
}

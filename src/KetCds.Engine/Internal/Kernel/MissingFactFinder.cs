using System.Buffers;
using System.Collections.Immutable;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

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
    public static int Pairs(CompiledRuleSet ruleSet, FactStatus[] status, RuleTruth[] truth, byte[] tests, ref long[] items) =>
        ruleSet.MissingIndex.TestRows is not null
            ? PairsByRows(ruleSet, status, truth, tests, ref items)
            : PairsByWalk(ruleSet, status, truth, tests, ref items);

    /// <summary>
    /// <see cref="Pairs"/> for rule sets of at most <see cref="MissingFactIndex.MaxRowWords"/> words of rules (at most two in
    /// <see cref="PairsByTwoWords"/>), by bit
    /// rows: per missing slot, the rules using one of its unknown tests; of those, the unknown rules whose condition is
    /// flat name exactly the slots of their unknown tests, and the others are walked as <see cref="PairsByWalk"/> walks
    /// them. Rows read per slot in rule order give the pairs sorted and distinct, so nothing is sorted.
    /// </summary>
    [SkipLocalsInit]
    internal static int PairsByRows(CompiledRuleSet ruleSet, FactStatus[] status, RuleTruth[] truth, byte[] tests, ref long[] items)
    {
        if (ruleSet.MissingIndex.MissingRowPairs is not null)
        {
            return PairsByTwoWords(ruleSet, status, truth, tests, ref items);
        }

        var kernel = ruleSet.Kernel;
        var program = kernel.Program;
        var table = kernel.Tests;
        var index = ruleSet.MissingIndex;
        var words = index.Words;
        var testRows = index.TestRows!;
        var inputs = index.Inputs;

        // The missing inputs first, as bits over the tested inputs set without a branch: which inputs a patient lacks
        // has no pattern a branch predictor can learn, and the later passes then visit only the missing ones.
        var inputWords = (inputs.Length + 63) >> 6;
        var rentedMissing = inputWords > 16 ? ArrayPool<ulong>.Shared.Rent(inputWords) : null;
        var missing = rentedMissing is null ? stackalloc ulong[inputWords] : rentedMissing.AsSpan(0, inputWords);
        var missingCount = MissingInputs(inputs, status, missing);

        // One row of rules per missing slot, in slot order (every cell written before it is read), then the candidates
        // and the unknown.
        var size = (missingCount * words) + (2 * words);
        var rented = size > 1024 ? ArrayPool<ulong>.Shared.Rent(size) : null;
        var space = rented is null ? stackalloc ulong[size] : rented.AsSpan(0, size);
        var rentedSlots = missingCount > 256 ? ArrayPool<int>.Shared.Rent(missingCount) : null;
        var missingSlots = rentedSlots is null ? stackalloc int[missingCount] : rentedSlots.AsSpan(0, missingCount);
        var found = space[..(missingCount * words)];
        var candidates = space.Slice(missingCount * words, words);
        var unknown = space.Slice((missingCount * words) + words, words);
        candidates.Clear();
        unknown.Clear();
        var start = table.SlotStart;
        var k = 0;
        for (var iw = 0; iw < inputWords; iw++)
        {
            for (var bits = missing[iw]; bits != 0; bits &= bits - 1)
            {
                var slot = inputs[(iw << 6) + BitOperations.TrailingZeroCount(bits)];
                missingSlots[k] = slot;
                var row = found.Slice(k++ * words, words);
                row.Clear();
                for (var t = start[slot]; t < start[slot + 1]; t++)
                {
                    if (tests[t] == (byte)Truth.Unknown)
                    {
                        var rules = testRows.AsSpan(t * words, words);
                        for (var w = 0; w < words; w++)
                        {
                            row[w] |= rules[w];
                        }
                    }
                }

                for (var w = 0; w < words; w++)
                {
                    candidates[w] |= row[w];
                }
            }
        }

        // A candidate that is not unknown names nothing; a flat unknown one names its rows' slots as they stand. A
        // conjunctive candidate reads an unknown test, so it is unknown unless some test falsifies it: that is read for
        // all of them at once from the test truths. Of the others, a rule the run evaluated keeps the truth it had over
        // the final tests (the engine's property tests hold it to the tracer's), so only a skipped one is evaluated here.
        var falsifying = index.Falsifying!;
        var falsified = unknown;
        for (var t = 0; t < table.Count; t++)
        {
            var rules = falsifying.AsSpan(((t * 3) + tests[t]) * words, words);
            for (var w = 0; w < words; w++)
            {
                falsified[w] |= rules[w];
            }
        }

        var flat = index.Flat!;
        var conjunctive = index.Conjunctive!;
        var nested = false;
        for (var w = 0; w < words; w++)
        {
            var word = candidates[w] & conjunctive[w] & ~falsified[w];
            for (var bits = candidates[w] & ~conjunctive[w]; bits != 0; bits &= bits - 1)
            {
                var rule = (w << 6) + BitOperations.TrailingZeroCount(bits);
                var t = truth[rule];
                if (t == RuleTruth.Unknown || (t == RuleTruth.Skipped && kernel.IsUnknown(rule, tests)))
                {
                    word |= 1UL << rule;
                }
            }

            unknown[w] = word;
            nested |= (word & ~flat[w]) != 0;
            candidates[w] = word & flat[w];
        }

        if (nested)
        {
            // The other unknown rules name what the walk into their unknown branches meets (their rows' bits go first).
            for (var w = 0; w < found.Length; w++)
            {
                found[w] &= candidates[w % words];
            }

            var pairs = new PairList(items, 0);
            for (var w = 0; w < words; w++)
            {
                for (var bits = unknown[w] & ~flat[w]; bits != 0; bits &= bits - 1)
                {
                    var rule = (w << 6) + BitOperations.TrailingZeroCount(bits);
                    pairs.Count = 0;
                    Collect(program, table, program.Root[rule], rule, status, tests, ref pairs);
                    for (var i = 0; i < pairs.Count; i++)
                    {
                        found[(missingSlots.BinarySearch((int)(pairs.Items[i] >> 32)) * words) + w] |= 1UL << rule;
                    }
                }
            }

            items = pairs.Items;
            unknown.Fill(ulong.MaxValue);
        }
        else
        {
            unknown.Clear();
        }

        // Each missing slot's row, less the rules that name nothing (all kept when the rows were already cut above).
        for (var w = 0; w < words; w++)
        {
            candidates[w] |= unknown[w];
        }

        var count = 0;
        for (k = 0; k < missingCount; k++)
        {
            var slot = (long)missingSlots[k] << 32;
            for (var w = 0; w < words; w++)
            {
                for (var bits = found[(k * words) + w] & candidates[w]; bits != 0; bits &= bits - 1)
                {
                    if (count == items.Length)
                    {
                        Array.Resize(ref items, items.Length * 2);
                    }

                    items[count++] = slot | (uint)((w << 6) + BitOperations.TrailingZeroCount(bits));
                }
            }
        }

        Return(rentedMissing, rented, rentedSlots);
        return count;
    }

    /// <summary>
    /// Marks in <paramref name="missing"/> (a bit per tested input, in the order of <paramref name="inputs"/>) the inputs
    /// whose status is missing, without a branch per input; returns how many.
    /// </summary>
    private static int MissingInputs(int[] inputs, FactStatus[] status, Span<ulong> missing)
    {
        var count = 0;
        for (var iw = 0; iw < missing.Length; iw++)
        {
            var bits = 0UL;
            var end = Math.Min(64, inputs.Length - (iw << 6));
            for (var i = 0; i < end; i++)
            {
                bits |= (status[inputs[(iw << 6) + i]] == FactStatus.Missing ? 1UL : 0UL) << i;
            }

            missing[iw] = bits;
            count += BitOperations.PopCount(bits);
        }

        return count;
    }

    /// <summary>
    /// <see cref="PairsByRows"/> for at most 128 rules (the shipped set has 98): the same passes with every set of rules in
    /// two registers instead of spans of words, which the general method's loops keep in memory.
    /// </summary>
    [SkipLocalsInit]
    private static int PairsByTwoWords(CompiledRuleSet ruleSet, FactStatus[] status, RuleTruth[] truth, byte[] tests, ref long[] items)
    {
        var inputs = ruleSet.MissingIndex.Inputs;
        var inputWords = (inputs.Length + 63) >> 6;
        var rentedMissing = inputWords > 16 ? ArrayPool<ulong>.Shared.Rent(inputWords) : null;
        var missing = rentedMissing is null ? stackalloc ulong[inputWords] : rentedMissing.AsSpan(0, inputWords);
        var missingCount = MissingInputs(inputs, status, missing);
        var rented = missingCount > 256 ? ArrayPool<ulong>.Shared.Rent(missingCount * 2) : null;
        var found = rented is null ? stackalloc ulong[missingCount * 2] : rented.AsSpan(0, missingCount * 2);
        var rentedSlots = missingCount > 256 ? ArrayPool<int>.Shared.Rent(missingCount) : null;
        var missingSlots = rentedSlots is null ? stackalloc int[missingCount] : rentedSlots.AsSpan(0, missingCount);
        RowsByTwoWords(ruleSet, status, truth, tests, missing, found, missingSlots, ref items);

        var count = 0;
        for (var k = 0; k < missingSlots.Length; k++)
        {
            var slot = (long)missingSlots[k] << 32;
            var rowLow = found[k * 2];
            var rowHigh = found[(k * 2) + 1];
            if (count + BitOperations.PopCount(rowLow) + BitOperations.PopCount(rowHigh) > items.Length)
            {
                Array.Resize(ref items, Math.Max(items.Length * 2, count + 128));
            }

            for (; rowLow != 0; rowLow &= rowLow - 1)
            {
                items[count++] = slot | (uint)BitOperations.TrailingZeroCount(rowLow);
            }

            for (; rowHigh != 0; rowHigh &= rowHigh - 1)
            {
                items[count++] = slot | (uint)(64 + BitOperations.TrailingZeroCount(rowHigh));
            }
        }

        Return(rentedMissing, rented, rentedSlots);
        return count;
    }

    /// <summary>
    /// What <see cref="Pairs"/> lists, grouped by slot: the missing slots naming at least one rule, ascending, into
    /// <paramref name="slots"/>, and each one's rules as a row of <see cref="MissingFactIndex.Words"/> words into
    /// <paramref name="rows"/> (both replaced by larger arrays when too small; <paramref name="scratch"/> is working
    /// memory, replaced likewise); returns how many slots. Up to 128 rules the rows are made without listing pairs.
    /// </summary>
    [SkipLocalsInit]
    public static int Rows(CompiledRuleSet ruleSet, FactStatus[] status, RuleTruth[] truth, byte[] tests, ref int[] slots, ref ulong[] rows, ref long[] scratch)
    {
        var index = ruleSet.MissingIndex;
        var words = index.Words;
        if (index.MissingRowPairs is null)
        {
            var pairs = Pairs(ruleSet, status, truth, tests, ref scratch);
            return RowsOfPairs(scratch.AsSpan(0, pairs), words, ref slots, ref rows);
        }

        var inputs = index.Inputs;
        var inputWords = (inputs.Length + 63) >> 6;
        var rentedMissing = inputWords > 16 ? ArrayPool<ulong>.Shared.Rent(inputWords) : null;
        var missing = rentedMissing is null ? stackalloc ulong[inputWords] : rentedMissing.AsSpan(0, inputWords);
        var missingCount = MissingInputs(inputs, status, missing);
        var rented = missingCount > 256 ? ArrayPool<ulong>.Shared.Rent(missingCount * 2) : null;
        var found = rented is null ? stackalloc ulong[missingCount * 2] : rented.AsSpan(0, missingCount * 2);
        var rentedSlots = missingCount > 256 ? ArrayPool<int>.Shared.Rent(missingCount) : null;
        var missingSlots = rentedSlots is null ? stackalloc int[missingCount] : rentedSlots.AsSpan(0, missingCount);
        RowsByTwoWords(ruleSet, status, truth, tests, missing, found, missingSlots, ref scratch);

        if (slots.Length < missingCount)
        {
            slots = new int[Math.Max(missingCount, slots.Length * 2)];
        }

        if (rows.Length < missingCount * words)
        {
            rows = new ulong[Math.Max(missingCount * words, rows.Length * 2)];
        }

        // A slot whose row is empty names no rule, so it is not listed (as it has no pair); a one-word set has its high word zero.
        var count = 0;
        for (var k = 0; k < missingSlots.Length; k++)
        {
            var (low, high) = (found[k * 2], found[(k * 2) + 1]);
            slots[count] = missingSlots[k];
            rows[count * words] = low;
            if (words == 2)
            {
                rows[(count * words) + 1] = high;
            }

            count += (low | high) != 0 ? 1 : 0;
        }

        Return(rentedMissing, rented, rentedSlots);
        return count;
    }

    /// <summary>Pairs sorted by slot and then rule (as <see cref="Pairs"/> gives them) as one row of rules per slot.</summary>
    private static int RowsOfPairs(ReadOnlySpan<long> pairs, int words, ref int[] slots, ref ulong[] rows)
    {
        var count = 0;
        for (var i = 0; i < pairs.Length; i++)
        {
            var slot = (int)(pairs[i] >> 32);
            if (i == 0 || slot != (int)(pairs[i - 1] >> 32))
            {
                if (slots.Length == count)
                {
                    Array.Resize(ref slots, Math.Max(16, count * 2));
                }

                if (rows.Length < (count + 1) * words)
                {
                    Array.Resize(ref rows, Math.Max(16, count * 2) * words);
                }

                slots[count] = slot;
                rows.AsSpan(count * words, words).Clear();
                count++;
            }

            var rule = (int)pairs[i];
            rows[((count - 1) * words) + (rule >> 6)] |= 1UL << rule;
        }

        return count;
    }

    /// <summary>
    /// The passes of <see cref="PairsByTwoWords"/> and <see cref="Rows"/>: per missing input (bits of
    /// <paramref name="missing"/> over the tested inputs), its slot into <paramref name="missingSlots"/> and its row of
    /// rules, two words, into <paramref name="found"/>, each row already cut to the rules the input names.
    /// </summary>
    private static void RowsByTwoWords(CompiledRuleSet ruleSet, FactStatus[] status, RuleTruth[] truth, byte[] tests, ReadOnlySpan<ulong> missing, Span<ulong> found, Span<int> missingSlots, ref long[] items)
    {
        var kernel = ruleSet.Kernel;
        var table = kernel.Tests;
        var index = ruleSet.MissingIndex;
        var missingRows = index.MissingRowPairs!;
        var inputs = index.Inputs;

        // One row pair per missing slot in slot order (its tests' truths while missing are known at load, so the row is too).
        var (low, high) = (0UL, 0UL);
        var k = 0;
        for (var iw = 0; iw < missing.Length; iw++)
        {
            for (var bits = missing[iw]; bits != 0; bits &= bits - 1)
            {
                var slot = inputs[(iw << 6) + BitOperations.TrailingZeroCount(bits)];
                var (rowLow, rowHigh) = (missingRows[slot * 2], missingRows[(slot * 2) + 1]);
                missingSlots[k] = slot;
                found[k * 2] = rowLow;
                found[(k * 2) + 1] = rowHigh;
                low |= rowLow;
                high |= rowHigh;
                k++;
            }
        }

        // Which candidates are unknown, as PairsByRows decides it.
        var (falseLow, falseHigh) = Falsified(index.FalsifyingPairs!, tests.AsSpan(0, table.Count));
        var flat = index.FlatPair!;
        var conjunctive = index.ConjunctivePair!;
        var unknownLow = Unknown(kernel, truth, tests, low, conjunctive[0], falseLow, 0);
        var unknownHigh = Unknown(kernel, truth, tests, high, conjunctive[1], falseHigh, 64);
        var keepLow = unknownLow & flat[0];
        var keepHigh = unknownHigh & flat[1];
        for (var i = 0; i < found.Length; i += 2)
        {
            found[i] &= keepLow;
            found[i + 1] &= keepHigh;
        }

        if (((unknownLow & ~flat[0]) | (unknownHigh & ~flat[1])) != 0)
        {
            // The other unknown rules name what the walk into their unknown branches meets.
            var pairs = new PairList(items, 0);
            for (var w = 0; w < 2; w++)
            {
                for (var bits = w == 0 ? unknownLow & ~flat[0] : unknownHigh & ~flat[1]; bits != 0; bits &= bits - 1)
                {
                    var rule = (w << 6) + BitOperations.TrailingZeroCount(bits);
                    pairs.Count = 0;
                    Collect(kernel.Program, table, kernel.Program.Root[rule], rule, status, tests, ref pairs);
                    for (var i = 0; i < pairs.Count; i++)
                    {
                        found[(missingSlots.BinarySearch((int)(pairs.Items[i] >> 32)) * 2) + w] |= 1UL << rule;
                    }
                }
            }

            items = pairs.Items;
        }
    }

    private static void Return(ulong[]? missing, ulong[]? found, int[]? slots)
    {
        if (missing is not null)
        {
            ArrayPool<ulong>.Shared.Return(missing);
        }

        if (found is not null)
        {
            ArrayPool<ulong>.Shared.Return(found);
        }

        if (slots is not null)
        {
            ArrayPool<int>.Shared.Return(slots);
        }
    }

    /// <summary>
    /// Of the candidate rules in one word (rules <paramref name="first"/> to 63 above it), the unknown ones: a conjunctive
    /// candidate unless falsified, another by its run's truth, evaluated only when the run skipped it.
    /// </summary>
    private static ulong Unknown(Kernel kernel, RuleTruth[] truth, byte[] tests, ulong candidates, ulong conjunctive, ulong falsified, int first)
    {
        var word = candidates & conjunctive & ~falsified;
        for (var bits = candidates & ~conjunctive; bits != 0; bits &= bits - 1)
        {
            var rule = first + BitOperations.TrailingZeroCount(bits);
            var t = truth[rule];
            if (t == RuleTruth.Unknown || (t == RuleTruth.Skipped && kernel.IsUnknown(rule, tests)))
            {
                word |= 1UL << rule;
            }
        }

        return word;
    }

    /// <summary>
    /// The conjunctive rules some test truth falsifies, for up to 128 rules (the shipped set): one vector register, in a
    /// method of its own so that it stays a register; this loop reads every test.
    /// </summary>
    private static (ulong Low, ulong High) Falsified(Vector128<ulong>[] falsifying, ReadOnlySpan<byte> tests)
    {
        var rules = Vector128<ulong>.Zero;
        for (var t = 0; t < tests.Length; t++)
        {
            rules |= falsifying[(t * 3) + tests[t]];
        }

        return (rules.GetElement(0), rules.GetElement(1));
    }

    /// <summary><see cref="Pairs"/> by walking the conditions of the rules that test a missing input (any size of rule set).</summary>
    internal static int PairsByWalk(CompiledRuleSet ruleSet, FactStatus[] status, RuleTruth[] truth, byte[] tests, ref long[] items)
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

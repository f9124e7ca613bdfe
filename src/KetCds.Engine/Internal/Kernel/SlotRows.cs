using System.Numerics;
using System.Runtime.CompilerServices;

namespace KetCds.Engine.Internal.Kernel;

/// <summary>
/// Per fact slot, the truths of all its tests precomputed for every distinguishable value, so that giving the fact a
/// value is one lookup and one copy of a contiguous run of test truths (tests are numbered in slot order) instead of
/// a comparison per test. Whole numbers and booleans: the test bounds sorted into cut points, the value's row found by
/// binary search among them, so one search settles every threshold test on the fact. Enums: a row per symbol. Sets of
/// up to 8 symbols: a row per mask. Decimals, larger sets and boxed values have no rows; their tests are compared one
/// by one. Absent statuses (missing, not derived, undecided) have a row each for every slot.
/// </summary>
internal sealed class SlotRows
{
    /// <summary>The most bytes of rows one slot may take; beyond it the slot's tests are compared one by one.</summary>
    private const int MaxBytes = 1 << 14;

    private readonly byte[][] _absent;

    // Per slot, everything setting a present value reads, in one record (see TryPresent). A boolean slot's rows of false
    // and true are found once here: derived flags are set thousands of times per dense evaluation at 10,000 rules, and
    // a binary search among the cuts mispredicts on every one.
    private readonly PresentRows[] _present;

    public SlotRows(TestTable tests, FactLayout layout)
    {
        var count = tests.SlotStart.Length - 1;
        var slotRows = new byte[]?[count];
        var slotCuts = new long[]?[count];
        var booleanRows = new int[2 * count];
        _absent = new byte[4][];
        for (var status = 0; status < 4; status++)
        {
            _absent[status] = [.. tests.AbsentTruth.Select(t => t[status])];
        }

        for (var slot = 0; slot < count; slot++)
        {
            var (start, end) = (tests.SlotStart[slot], tests.SlotStart[slot + 1]);
            if (start == end || Enumerable.Range(start, end - start).Any(t => tests.Kind[t] is TestKind.NumberCompare or TestKind.NumberBetween or TestKind.Boxed))
            {
                continue;
            }

            long[] representatives;
            switch (layout.Kinds[slot])
            {
                case SlotKind.Boolean or SlotKind.Whole:
                    var cuts = Cuts(tests, start, end);
                    slotCuts[slot] = cuts;
                    representatives = [cuts.Length == 0 ? 0 : cuts[0] - 1, .. cuts];
                    break;
                case SlotKind.EnumBit:
                    representatives = [.. Enumerable.Range(0, layout.Symbols[slot]!.Count).Select(i => 1L << i)];
                    break;
                case SlotKind.SetMask when layout.Symbols[slot]!.Count <= 8:
                    representatives = [.. Enumerable.Range(0, 1 << layout.Symbols[slot]!.Count).Select(i => (long)i)];
                    break;
                default:
                    continue;
            }

            var width = end - start;
            if ((long)representatives.Length * width > MaxBytes)
            {
                slotCuts[slot] = null;
                continue;
            }

            var rows = new byte[representatives.Length * width];
            for (var r = 0; r < representatives.Length; r++)
            {
                for (var t = start; t < end; t++)
                {
                    rows[(r * width) + t - start] = LaneHolds(tests, t, representatives[r]) ? (byte)Truth.True : (byte)Truth.False;
                }
            }

            slotRows[slot] = rows;
            if (layout.Kinds[slot] == SlotKind.Boolean)
            {
                booleanRows[2 * slot] = Row(slotCuts[slot]!, 0);
                booleanRows[(2 * slot) + 1] = Row(slotCuts[slot]!, 1);
            }
        }

        _present = new PresentRows[count];
        for (var slot = 0; slot < count; slot++)
        {
            var (start, width) = (tests.SlotStart[slot], tests.SlotStart[slot + 1] - tests.SlotStart[slot]);
            _present[slot] = new PresentRows(slotRows[slot], slotCuts[slot], start, width, layout.Kinds[slot], booleanRows[2 * slot] * width, booleanRows[(2 * slot) + 1] * width);
        }
    }

    /// <summary>Whether slot <paramref name="slot"/> has rows (so its present tests need no comparison one by one).</summary>
    public bool Has(int slot) => _present[slot].Rows is not null;

    /// <summary>
    /// Copies the truths of the slot's tests for a present value with integer lane <paramref name="lane"/> into
    /// <paramref name="truths"/> when the slot has rows; returns false (and writes nothing) when it has none.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryPresent(int slot, long lane, byte[] truths)
    {
        ref readonly var present = ref _present[slot];
        if (present.Rows is not { } rows)
        {
            return false;
        }

        var width = present.Width;
        var offset = present.Kind switch
        {
            SlotKind.EnumBit => BitOperations.TrailingZeroCount(lane) * width,
            SlotKind.SetMask => (int)lane * width,
            SlotKind.Boolean => (lane & 1) == 0 ? present.FalseRow : present.TrueRow,
            _ => Row(present.Cuts!, lane) * width,
        };
        Copy(rows, offset, truths, present.Start, width);
        return true;
    }

    /// <summary>Copies the truths of the slot's tests for an absent status.</summary>
    public void Absent(FactStatus status, byte[] truths, int start, int width) => Copy(_absent[(int)status], start, truths, start, width);

    /// <summary>Copies a row; most facts have a handful of tests, for which a loop beats a call to memmove.</summary>
    private static void Copy(byte[] from, int offset, byte[] to, int start, int width)
    {
        if (width > 16)
        {
            from.AsSpan(offset, width).CopyTo(to.AsSpan(start, width));
            return;
        }

        for (var i = 0; i < width; i++)
        {
            to[start + i] = from[offset + i];
        }
    }

    /// <summary>Whether a test over the integer lane holds for <paramref name="lane"/>: the comparisons the kernel makes.</summary>
    public static bool LaneHolds(TestTable tests, int test, long lane)
    {
        var a = tests.A[test];
        return tests.Kind[test] switch
        {
            TestKind.Presence => a == 1,
            TestKind.Equal => lane == a,
            TestKind.NotEqual => lane != a,
            TestKind.Between => lane >= a && lane <= tests.B[test],
            TestKind.AnyBit => (lane & a) != 0,
            TestKind.NoBit => (lane & a) == 0,
            TestKind.AllBits => (lane & a) == a,
            _ => throw new InvalidOperationException($"test kind {tests.Kind[test]} is not over the integer lane"),
        };
    }

    /// <summary>The number of cut points at or below the lane: the row of the interval it falls in.</summary>
    private static int Row(long[] cuts, long lane)
    {
        var (low, high) = (0, cuts.Length);
        while (low < high)
        {
            var mid = (low + high) >>> 1;
            if (cuts[mid] <= lane)
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }

        return low;
    }

    /// <summary>Every lane value at which some test's truth may change, sorted: between two cuts every test is constant.</summary>
    internal static long[] Cuts(TestTable tests, int start, int end)
    {
        // A list sorted once rather than a SortedSet<long>: the set's generic code over long is compiled by the JIT at
        // every cold load (ReadyToRun cannot precompile it), thirty-odd methods.
        var cuts = new List<long>();
        for (var t = start; t < end; t++)
        {
            var (a, b) = (tests.A[t], tests.B[t]);
            switch (tests.Kind[t])
            {
                case TestKind.Equal or TestKind.NotEqual:
                    cuts.Add(a);
                    cuts.Add(a + 1);
                    break;
                case TestKind.Between:
                    if (a != long.MinValue)
                    {
                        cuts.Add(a);
                    }

                    if (b != long.MaxValue)
                    {
                        cuts.Add(b + 1);
                    }

                    break;
            }
        }

        cuts.Sort();
        var distinct = 0;
        for (var i = 0; i < cuts.Count; i++)
        {
            if (distinct == 0 || cuts[i] != cuts[distinct - 1])
            {
                cuts[distinct++] = cuts[i];
            }
        }

        return System.Runtime.InteropServices.CollectionsMarshal.AsSpan(cuts)[..distinct].ToArray();
    }
}

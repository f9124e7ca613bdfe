namespace KetCds.Engine.Internal.Kernel;

/// <summary>
/// Every distinct atomic test of a rule set, evaluated once per evaluation (and again only when its fact changes),
/// grouped by fact slot. Truths are bytes: 0 false, 1 unknown, 2 true (<see cref="Truth"/>), so Kleene and/or/not are
/// min/max/2-x.
/// </summary>
internal sealed class TestTable
{
    public required int Count { get; init; }

    public required int[] Slot { get; init; }

    public required TestKind[] Kind { get; init; }

    public required long[] A { get; init; }

    public required long[] B { get; init; }

    public required decimal[] D { get; init; }

    public required decimal[] E { get; init; }

    /// <summary>The original condition, for boxed tests and for the tracer.</summary>
    public required Condition[] Source { get; init; }

    /// <summary>Per test, its truth while its fact is missing, not derived or undecided: index by <see cref="FactStatus"/>.</summary>
    public required byte[][] AbsentTruth { get; init; }

    /// <summary>Tests of slot s are BySlot[SlotStart[s]..SlotStart[s + 1]]; tests are numbered in slot order, so this is the identity.</summary>
    public required int[] SlotStart { get; init; }

    public required int[] BySlot { get; init; }

    /// <summary>The truth of every test at the start of an evaluation (inputs missing, derived facts not derived).</summary>
    public required byte[] Initial { get; init; }
}

namespace KetCds.Benchmarks;

/// <summary>What the floor evaluator reads to set one input slot, in 16 bytes: how its lane picks a row, and where the row goes.</summary>
/// <param name="Low">The lane of row 0 (below the slot's lowest cut every test is constant); unused for an enum.</param>
/// <param name="Last">The last row (above the highest cut every test is constant).</param>
/// <param name="RowBase">Where the slot's rows start in the row bytes; a row is the slot's truths, then as many of their negations when <see cref="Negated"/>.</param>
/// <param name="Region">Where the slot's test truths start in the truth bytes.</param>
/// <param name="Width">How many tests the slot has (at most 64: one masked store).</param>
/// <param name="Flags">1: the lane is one bit (an enum symbol) and the row is its bit index, else the clamped lane less <paramref name="Low"/>; 2: some rule reads a test of the slot negated, so its mirror region is kept too.</param>
internal readonly record struct FloorInput(int Low, int Last, int RowBase, ushort Region, byte Width, byte Flags)
{
    /// <summary>Whether the row is the lane's bit index.</summary>
    public bool Enum => (Flags & 1) != 0;

    /// <summary>Whether the slot's negated truths are kept.</summary>
    public bool Negated => (Flags & 2) != 0;

    /// <summary>Bytes per row.</summary>
    public int RowBytes => Width * (Negated ? 2 : 1);
}

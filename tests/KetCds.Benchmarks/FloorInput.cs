namespace KetCds.Benchmarks;

/// <summary>What the floor evaluator reads to set one input slot: how its lane picks a row, and where the row goes.</summary>
/// <param name="Enum">Whether the lane is one bit (an enum symbol): the row is its bit index; else the clamped lane less <paramref name="Low"/>.</param>
/// <param name="Low">The lane of row 0 (below the slot's lowest cut every test is constant).</param>
/// <param name="Last">The last row (above the highest cut every test is constant).</param>
/// <param name="RowBase">Where the slot's rows start in the row bytes.</param>
/// <param name="RowBytes">Bytes per row: the chunks of the slot's truths, then as many of their negations when <paramref name="Negated"/>.</param>
/// <param name="Region">Where the slot's test truths start in the truth bytes (16-aligned).</param>
/// <param name="Chunks">16-byte chunks of truths the slot has.</param>
/// <param name="Negated">Whether some rule reads a test of the slot negated, so its mirror region is kept too.</param>
internal readonly record struct FloorInput(bool Enum, long Low, long Last, int RowBase, int RowBytes, int Region, int Chunks, bool Negated);

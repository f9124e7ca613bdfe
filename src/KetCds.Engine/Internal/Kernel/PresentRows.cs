namespace KetCds.Engine.Internal.Kernel;

/// <summary>
/// What setting a present value into one slot with precomputed rows reads, in one record: an input's retest then takes
/// one load of this where it took the slot's test range, status, kind, rows and cuts from five tables (a third of the
/// shipped rules' evaluation went to setting inputs).
/// </summary>
/// <param name="Rows">The slot's rows (see <see cref="SlotRows"/>), or null when it has none.</param>
/// <param name="Cuts">The cut points of a whole-number slot, else null.</param>
/// <param name="Start">The slot's first test.</param>
/// <param name="Width">How many tests the slot has.</param>
/// <param name="Kind">How the slot's value is held.</param>
/// <param name="FalseRow">For a boolean slot, where the row of false starts in <paramref name="Rows"/>.</param>
/// <param name="TrueRow">For a boolean slot, where the row of true starts in <paramref name="Rows"/>.</param>
internal readonly record struct PresentRows(byte[]? Rows, long[]? Cuts, int Start, int Width, SlotKind Kind, int FalseRow, int TrueRow);

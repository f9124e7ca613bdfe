namespace KetCds.Engine;

/// <summary>Tests that an ordered fact lies within an inclusive range; either bound may be open.</summary>
/// <param name="Fact">The fact's name.</param>
/// <param name="Minimum">The inclusive lower bound, or null for none.</param>
/// <param name="Maximum">The inclusive upper bound, or null for none.</param>
public sealed record RangeCondition(string Fact, TypedValue? Minimum, TypedValue? Maximum) : Condition;

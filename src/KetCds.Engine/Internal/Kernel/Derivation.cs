namespace KetCds.Engine.Internal.Kernel;

/// <summary>
/// One derivation of a rule as a firing applies it, in one record: read together on every firing, so that a firing at
/// 10,000 rules takes one cache miss where separate tables per field took five (the profile's hottest instructions in
/// <see cref="Kernel"/>'s derivations were those loads).
/// </summary>
/// <param name="Value">The derived constant.</param>
/// <param name="Number">The constant in the decimal lane.</param>
/// <param name="Lane">The constant in the integer lane.</param>
/// <param name="Slot">The derived fact's slot.</param>
/// <param name="TestStart">The slot's first test.</param>
/// <param name="Width">How many tests the slot has.</param>
/// <param name="TruthStart">Where the truths of those tests once the fact holds the constant start among the kernel's precomputed truths.</param>
/// <param name="Contested">Whether a producer of the fact ranked above the rule derives a different value (only then can the derivation be outranked).</param>
internal readonly record struct Derivation(TypedValue Value, decimal Number, long Lane, int Slot, int TestStart, int Width, int TruthStart, bool Contested);

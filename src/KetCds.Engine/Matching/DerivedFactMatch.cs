namespace KetCds.Engine;

/// <summary>The final state of one derived fact in an <see cref="ExternalMatch"/>.</summary>
/// <param name="Fact">The derived fact's name.</param>
/// <param name="Status">True: derived, with <paramref name="Value"/> set by <paramref name="DerivedBy"/>; false: not derived; unknown: undecided.</param>
/// <param name="Value">The derived value when derived; otherwise null.</param>
/// <param name="DerivedBy">The id of the fired rule whose derivation won when derived; otherwise null.</param>
public sealed record DerivedFactMatch(string Fact, Truth Status, TypedValue? Value, string? DerivedBy);

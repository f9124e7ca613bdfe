namespace KetCds.Engine;

/// <summary>A fact a rule's condition tested, with the value it had.</summary>
/// <param name="Name">The fact's name.</param>
/// <param name="Value">Its value, or null when it was absent.</param>
/// <param name="Origin">Whether it was an input or a derived fact.</param>
public sealed record MatchedFact(string Name, TypedValue? Value, FactOrigin Origin);

namespace KetCds.Engine;

/// <summary>A typed, named attribute of an emitted outcome (for example a route or a range bound).</summary>
/// <param name="Name">The attribute's name.</param>
/// <param name="Value">The attribute's value.</param>
public sealed record OutcomeAttribute(string Name, TypedValue Value);

namespace KetCds.Engine;

/// <summary>Negation: true when the inner condition is false, false when it is true, unknown when it is unknown.</summary>
/// <param name="Inner">The negated condition.</param>
public sealed record NotCondition(Condition Inner) : Condition;

namespace KetCds.Engine;

/// <summary>Derives a fact that other rules may test.</summary>
/// <param name="Fact">The derived fact's name.</param>
/// <param name="Value">The value it takes.</param>
public sealed record DeriveAction(string Fact, TypedValue Value) : RuleAction;

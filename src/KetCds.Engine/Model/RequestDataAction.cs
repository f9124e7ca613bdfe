namespace KetCds.Engine;

/// <summary>Asks for an input fact that would change or complete the answer.</summary>
/// <param name="Fact">The input fact requested.</param>
/// <param name="Reason">Plain-language reason the fact is needed.</param>
public sealed record RequestDataAction(string Fact, string Reason) : RuleAction;

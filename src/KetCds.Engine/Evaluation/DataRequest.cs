namespace KetCds.Engine;

/// <summary>A request for an input fact, made by a rule that fired.</summary>
/// <param name="Fact">The input fact requested.</param>
/// <param name="Reason">Why it is needed.</param>
/// <param name="RuleId">The rule that asked.</param>
public sealed record DataRequest(string Fact, string Reason, string RuleId);

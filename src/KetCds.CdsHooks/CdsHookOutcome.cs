namespace KetCds.CdsHooks;

/// <summary>The HTTP answer to one hook call.</summary>
/// <param name="StatusCode">200, 400, 404 or 503.</param>
/// <param name="Body">UTF-8 JSON: the cards, or an error naming each problem.</param>
/// <param name="RuleSet">The rule set that answered, <c>name@version+hash12</c>; null when none did.</param>
/// <param name="TerminologyMap">The terminology map used, <c>name@version</c>; null when none was loaded.</param>
public sealed record CdsHookOutcome(int StatusCode, byte[] Body, string? RuleSet, string? TerminologyMap)
{
    /// <summary>The time of each stage, for calls answered with cards; null for the others.</summary>
    public CdsHookPhases? Phases { get; init; }

    /// <summary>The request's <c>hookInstance</c> when it could be read; null otherwise.</summary>
    public string? HookInstance { get; init; }

    /// <summary>The rule set's evaluation, when the call got as far as one; null otherwise.</summary>
    public CdsDecision? Decision { get; init; }
}

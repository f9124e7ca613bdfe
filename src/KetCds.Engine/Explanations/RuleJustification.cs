using System.Collections.Immutable;

namespace KetCds.Engine;

/// <summary>Why a rule fired: the facts it matched, the derivations it relied on (recursively) and its citations.</summary>
/// <param name="RuleId">The rule's id.</param>
/// <param name="RuleTitle">The rule's title.</param>
/// <param name="MatchedFacts">The facts its condition tested, with their values, sorted by name.</param>
/// <param name="Premises">For each derived fact it tested that was derived, the justification of the rule that derived it.</param>
/// <param name="Citations">The source claims the rule cites.</param>
public sealed record RuleJustification(
    string RuleId,
    string RuleTitle,
    ImmutableArray<MatchedFact> MatchedFacts,
    ImmutableArray<RuleJustification> Premises,
    ImmutableArray<string> Citations);

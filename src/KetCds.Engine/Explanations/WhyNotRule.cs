using System.Collections.Immutable;

namespace KetCds.Engine;

/// <summary>Why one rule that could have produced an outcome did not (or did) fire.</summary>
/// <param name="RuleId">The rule's id.</param>
/// <param name="RuleTitle">The rule's title.</param>
/// <param name="Result">The truth of its condition in this evaluation.</param>
/// <param name="BlockingCondition">The canonical text of the first condition that was false or unknown; null when it fired.</param>
/// <param name="BlockingLocation">Where that condition was written, if known.</param>
/// <param name="MissingFacts">Absent input facts that would decide it, sorted.</param>
/// <param name="UnderivedPremises">Derived facts it needed that were not derived, each with why not.</param>
public sealed record WhyNotRule(
    string RuleId,
    string RuleTitle,
    Truth Result,
    string? BlockingCondition,
    SourceLocation? BlockingLocation,
    ImmutableArray<string> MissingFacts,
    ImmutableArray<WhyNotFact> UnderivedPremises);

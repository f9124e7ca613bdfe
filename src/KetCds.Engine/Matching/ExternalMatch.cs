using System.Collections.Immutable;

namespace KetCds.Engine;

/// <summary>The final match an <see cref="IExternalMatcher"/> reports for one evaluation.</summary>
/// <param name="Firings">The ids of the rules that fired, in the order they fired; each at most once.</param>
/// <param name="RuleTruths">The truth of every rule's condition: true for the rules that fired, false or unknown for the others.</param>
/// <param name="DerivedFacts">The final state of every derived fact.</param>
public sealed record ExternalMatch(
    ImmutableArray<string> Firings,
    ImmutableDictionary<string, Truth> RuleTruths,
    ImmutableArray<DerivedFactMatch> DerivedFacts);

using System.Collections.Immutable;
using KetCds.Rules;

namespace KetCds.Cli.Internal.Review;

/// <summary>One rule as a reviewer sees it.</summary>
/// <param name="Id">The rule id.</param>
/// <param name="Title">The rule title.</param>
/// <param name="Description">What the rule does and why.</param>
/// <param name="Priority">The rule's priority.</param>
/// <param name="Conditions">The condition in words.</param>
/// <param name="Concludes">What the rule concludes: derived facts, outcomes (kind, code, text) and data requests.</param>
/// <param name="Claims">The claims it cites, in citation order.</param>
/// <param name="Cases">The ids of the regression cases in which it fires, sorted.</param>
internal sealed record ReviewRow(
    string Id,
    string Title,
    string Description,
    int Priority,
    string Conditions,
    ImmutableArray<string> Concludes,
    ImmutableArray<SourceClaim> Claims,
    ImmutableArray<string> Cases);

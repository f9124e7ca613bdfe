using System.Collections.Immutable;

namespace KetCds.Engine;

/// <summary>A production rule: when its condition holds, its actions fire.</summary>
/// <param name="Id">A stable, unique identifier.</param>
/// <param name="Title">A short title.</param>
/// <param name="Description">A plain-language description a clinician can read.</param>
/// <param name="Priority">Higher runs first among rules deriving the same fact and wins a conflicting derivation.</param>
/// <param name="When">The condition.</param>
/// <param name="Then">The actions, in order.</param>
/// <param name="Citations">The identifiers of the source claims the rule rests on.</param>
/// <param name="Location">Where the rule was written, if it came from a file.</param>
public sealed record Rule(
    string Id,
    string Title,
    string Description,
    int Priority,
    Condition When,
    ImmutableArray<RuleAction> Then,
    ImmutableArray<string> Citations,
    SourceLocation? Location = null);

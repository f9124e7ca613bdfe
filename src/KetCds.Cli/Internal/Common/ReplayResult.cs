using System.Collections.Immutable;
using KetCds.Clinical.Regression;

namespace KetCds.Cli.Internal.Common;

/// <summary>Every case replayed, in input order, and the rule coverage over them (null when the backend cannot tell).</summary>
/// <param name="Items">The replayed cases.</param>
/// <param name="Coverage">Per rule, sorted by id, how often it fired, was false and unknown; null against a server.</param>
/// <param name="RuleSet">The rule set that answered, as a label.</param>
internal sealed record ReplayResult(ImmutableArray<ReplayItem> Items, ImmutableArray<RuleCoverageEntry>? Coverage, string RuleSet);

using System.Collections.Immutable;
using KetCds.Cli.Internal.Common;

namespace KetCds.Cli.Internal.Diff;

/// <summary>How one case's decision differs between two rule sets.</summary>
/// <param name="Case">The case.</param>
/// <param name="Entries">The changes, grouped and worded; empty when the decision is the same.</param>
/// <param name="Error">Why the case could not be evaluated under one of the rule sets.</param>
internal sealed record CaseDiff(LoadedCase Case, ImmutableArray<DiffEntry> Entries, string? Error);

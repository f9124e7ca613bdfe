using System.Collections.Immutable;

namespace KetCds.Cli.Internal.Diff;

/// <summary>The decision diff over a directory of cases.</summary>
/// <param name="From">The older rule set's directory as given and its label.</param>
/// <param name="To">The newer rule set's directory as given and its label.</param>
/// <param name="CasesDirectory">The cases directory as given.</param>
/// <param name="Compared">How many cases were compared.</param>
/// <param name="Changed">The cases whose decision changed or that failed, in case order.</param>
/// <param name="GeneratedAt">The report's timestamp when one was asked for.</param>
internal sealed record DiffResult(
    (string Directory, string Label) From,
    (string Directory, string Label) To,
    string CasesDirectory,
    int Compared,
    ImmutableArray<CaseDiff> Changed,
    DateTimeOffset? GeneratedAt);

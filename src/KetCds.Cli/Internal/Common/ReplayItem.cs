using KetCds.Clinical.Regression;

namespace KetCds.Cli.Internal.Common;

/// <summary>One case replayed: its run, or the error that stopped it from being evaluated.</summary>
/// <param name="Case">The case.</param>
/// <param name="Run">The comparison with its expectation; null when <paramref name="Error"/> is set.</param>
/// <param name="Error">Why the case could not be evaluated.</param>
internal sealed record ReplayItem(LoadedCase Case, CaseRun? Run, string? Error);

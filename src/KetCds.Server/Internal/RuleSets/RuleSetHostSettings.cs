using KetCds.Server.Internal.Configuration;

namespace KetCds.Server.Internal.RuleSets;

/// <summary>Where the rules live and how eagerly changes are picked up.</summary>
/// <param name="Directory">Absolute path of the rule-set directory.</param>
/// <param name="Debounce">Quiet period after the last change before reloading.</param>
/// <param name="PollInterval">Interval of the content-hash poll backing up the file watcher.</param>
/// <param name="WatchFileSystem">Whether to use a file watcher at all; off, changes are found by the poll alone.</param>
/// <param name="AfterLoad">
/// Awaited after a reload has read and compiled the files and before it checks they are unchanged and applies them;
/// null in production. Tests widen the window in which files can change under a running reload with it.
/// </param>
internal sealed record RuleSetHostSettings(
    string Directory, TimeSpan Debounce, TimeSpan PollInterval, bool WatchFileSystem = true, Func<CancellationToken, Task>? AfterLoad = null)
{
    /// <summary>The matcher each loaded version is compiled for (<c>KetCds:Engine</c>).</summary>
    public string Engine { get; init; } = EngineNames.KetCds;
}

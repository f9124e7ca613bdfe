using KetCds.Rules;
using Microsoft.Extensions.Logging;

namespace KetCds.Server.Internal.RuleSets;

/// <summary>
/// File-system events under the rules directory, reduced to "something changed". Best effort: when the watcher
/// cannot start or overflows, the content-hash poll of <see cref="RuleSetHost"/> still finds the change.
/// </summary>
internal sealed class RulesDirectoryWatcher : IDisposable
{
    private readonly FileSystemWatcher? _watcher;

    public RulesDirectoryWatcher(string directory, Action changed, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(changed);
        if (!Directory.Exists(directory))
        {
            logger.WatcherUnavailable(directory, "the directory does not exist");
            return;
        }

        try
        {
            var watcher = new FileSystemWatcher(directory)
            {
                IncludeSubdirectories = true,
                NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size,
            };
            foreach (var pattern in RuleSetFiles.WatchedPatterns)
            {
                watcher.Filters.Add(pattern);
            }

            watcher.Changed += (_, _) => changed();
            watcher.Created += (_, _) => changed();
            watcher.Deleted += (_, _) => changed();
            watcher.Renamed += (_, _) => changed();
            watcher.Error += (_, e) =>
            {
                logger.WatcherFailed(directory, e.GetException());
                changed();
            };
            watcher.EnableRaisingEvents = true;
            _watcher = watcher;
        }
        catch (Exception ex) when (ex is IOException or ArgumentException or PlatformNotSupportedException or UnauthorizedAccessException)
        {
            // Typically the inotify instance or watch limit; polling alone is slower but correct.
            logger.WatcherUnavailable(directory, ex.Message);
        }
    }

    public void Dispose() => _watcher?.Dispose();
}

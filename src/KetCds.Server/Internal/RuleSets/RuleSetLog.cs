using Microsoft.Extensions.Logging;

namespace KetCds.Server.Internal.RuleSets;

/// <summary>Source-generated log messages of rule-set loading and hot reload (event ids 2000-2099).</summary>
internal static partial class RuleSetLog
{
    [LoggerMessage(EventId = 2000, Level = LogLevel.Information, Message = "Loaded rule set {RuleSet} with {RuleCount} rules from {Directory}")]
    public static partial void Loaded(this ILogger logger, string ruleSet, int ruleCount, string directory);

    [LoggerMessage(EventId = 2001, Level = LogLevel.Error, Message = "No valid rule set is loaded: {ErrorCount} errors in {Directory}; serving NOT_SERVING until the files are fixed")]
    public static partial void InitialLoadFailed(this ILogger logger, string directory, int errorCount);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Warning, Message = "Rule file error: {RuleFileError}")]
    public static partial void RuleFileError(this ILogger logger, string ruleFileError);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Warning, Message = "Rejected the edited rules in {Directory} ({ErrorCount} errors); still serving {RuleSet}")]
    public static partial void ReloadRejected(this ILogger logger, string directory, int errorCount, string ruleSet);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Information, Message = "Reloaded rules: now serving {RuleSet} (was {Previous})")]
    public static partial void ReloadApplied(this ILogger logger, string ruleSet, string previous);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Debug, Message = "Rule files changed but the rule set is unchanged: {RuleSet}")]
    public static partial void ReloadUnchanged(this ILogger logger, string ruleSet);

    [LoggerMessage(EventId = 2006, Level = LogLevel.Warning, Message = "Rule file warning: {RuleFileWarning}")]
    public static partial void RuleFileWarning(this ILogger logger, string ruleFileWarning);

    [LoggerMessage(EventId = 2007, Level = LogLevel.Warning, Message = "The file watcher on {Directory} is unavailable ({Reason}); changes are picked up by polling only")]
    public static partial void WatcherUnavailable(this ILogger logger, string directory, string reason);

    [LoggerMessage(EventId = 2008, Level = LogLevel.Warning, Message = "The file watcher on {Directory} failed; polling catches the changes it missed")]
    public static partial void WatcherFailed(this ILogger logger, string directory, Exception exception);

    [LoggerMessage(EventId = 2009, Level = LogLevel.Error, Message = "Reloading the rules failed unexpectedly; still serving {RuleSet}")]
    public static partial void ReloadCrashed(this ILogger logger, string ruleSet, Exception exception);

    [LoggerMessage(EventId = 2010, Level = LogLevel.Error, Message = "Still no valid rule set is loaded: {ErrorCount} errors in {Directory}")]
    public static partial void ReloadStillFailing(this ILogger logger, string directory, int errorCount);

    [LoggerMessage(EventId = 2011, Level = LogLevel.Information, Message = "Rule files in {Directory} changed while they were being loaded; not applied, reloading once they are quiet")]
    public static partial void ReloadUnsettled(this ILogger logger, string directory);

    [LoggerMessage(EventId = 2012, Level = LogLevel.Error, Message = "Checking {Directory} for changes failed; polling goes on")]
    public static partial void PollFailed(this ILogger logger, string directory, Exception exception);
}

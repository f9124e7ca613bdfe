using Microsoft.Extensions.Logging;

namespace KetCds.CdsHooks.Internal;

/// <summary>The CDS Hooks log lines; event ids 6000-6099. Never patient values: ids, codes and counts only.</summary>
internal static partial class CdsHooksLog
{
    [LoggerMessage(EventId = 6000, Level = LogLevel.Information, Message = "Loaded terminology map {Map} ({CodeCount} codes) from {Directory}")]
    public static partial void TerminologyLoaded(this ILogger logger, string map, int codeCount, string directory);

    [LoggerMessage(EventId = 6001, Level = LogLevel.Error, Message = "Terminology map in {Directory} not applied ({ErrorCount} errors); still using {Map}")]
    public static partial void TerminologyRejected(this ILogger logger, string directory, int errorCount, string map);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Warning, Message = "Terminology map problem: {Problem}")]
    public static partial void TerminologyProblem(this ILogger logger, string problem);

    [LoggerMessage(EventId = 6003, Level = LogLevel.Error, Message = "Checking the terminology folder {Directory} failed")]
    public static partial void TerminologyPollFailed(this ILogger logger, string directory, Exception exception);

    [LoggerMessage(EventId = 6010, Level = LogLevel.Debug, Message = "CDS hook {Service} answered {Status} with {RuleSet} and {Map}")]
    public static partial void HookAnswered(this ILogger logger, string service, int status, string? ruleSet, string? map);

    // Debug, so off by default: a line per call. tests/load/cds-hooks.sh --phases turns it on and sums the stages up.
    [LoggerMessage(EventId = 6011, Level = LogLevel.Debug, Message = "CDS hook {Service} answered {Status} in {TotalMicroseconds} us: read {ReadMicroseconds}, parse {ParseMicroseconds}, resolve {ResolveMicroseconds}, map {MapMicroseconds}, evaluate {EvaluateMicroseconds}, cards {CardsMicroseconds}, send {SendMicroseconds} us; GC paused {GcPauseMicroseconds} us in {Collections} collections")]
    public static partial void HookTimed(this ILogger logger, string service, int status, long totalMicroseconds, long readMicroseconds, long parseMicroseconds, long resolveMicroseconds, long mapMicroseconds, long evaluateMicroseconds, long cardsMicroseconds, long sendMicroseconds, long gcPauseMicroseconds, int collections);

    [LoggerMessage(EventId = 6020, Level = LogLevel.Information, Message = "CDS Hooks feedback for {Service}: card {Card} {Outcome} (override reason {Reason}, {SuggestionCount} suggestions accepted) at {OutcomeTimestamp}")]
    public static partial void Feedback(this ILogger logger, string service, string card, string outcome, string reason, int suggestionCount, string outcomeTimestamp);

    [LoggerMessage(EventId = 6030, Level = LogLevel.Warning, Message = "CDS hook call to {Path} refused: {Reason}")]
    public static partial void Refused(this ILogger logger, string path, string reason);

    [LoggerMessage(EventId = 6031, Level = LogLevel.Warning, Message = "CDS Hooks accept calls without a JWT: local development only (loopback, no EHR configured)")]
    public static partial void AnonymousAllowed(this ILogger logger);

    [LoggerMessage(EventId = 6040, Level = LogLevel.Information, Message = "CDS hook call to {Path} abandoned by its client while {Stage}")]
    public static partial void ClientLeft(this ILogger logger, string path, string stage);

    [LoggerMessage(EventId = 6041, Level = LogLevel.Information, Message = "CDS hook call to {Path} refused with {Status}: its body could not be read ({Reason})")]
    public static partial void BodyUnreadable(this ILogger logger, string path, int status, string reason);
}

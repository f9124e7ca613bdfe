using Microsoft.Extensions.Logging;

namespace KetCds.Audit.Internal;

/// <summary>The trail's log messages. They name counts and exception types only, never record contents.</summary>
internal static partial class AuditLog
{
    [LoggerMessage(EventId = 4000, Level = LogLevel.Error, Message = "Audit trail append of {Count} records failed; the calls are refused")]
    public static partial void AppendFailed(ILogger logger, int count, Exception exception);

    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "Audit trail pruned the payloads of {Count} records older than {Cut}")]
    public static partial void PayloadsPruned(ILogger logger, int count, DateTimeOffset cut);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Warning, Message = "Audit trail payload pruning failed; it is retried later")]
    public static partial void PruneFailed(ILogger logger, Exception exception);
}

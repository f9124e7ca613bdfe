using Microsoft.Extensions.Logging;

namespace KetCds.Server.Internal.Auditing;

/// <summary>Source-generated log messages of call auditing (event ids 2200-2219).</summary>
internal static partial class AuditingLog
{
    [LoggerMessage(EventId = 2200, Level = LogLevel.Error, Message = "The audit record of a {Method} call could not be written (fail closed: {FailClosed})")]
    public static partial void AuditWriteFailed(this ILogger logger, string method, bool failClosed, Exception exception);

    [LoggerMessage(EventId = 2201, Level = LogLevel.Warning, Message = "The audit trail is off (KetCds:Audit:Enabled=false): calls are not recorded")]
    public static partial void AuditDisabled(this ILogger logger);
}

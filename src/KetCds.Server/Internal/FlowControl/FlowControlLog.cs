using Microsoft.Extensions.Logging;

namespace KetCds.Server.Internal.FlowControl;

/// <summary>Source-generated log messages of the stalled-response guard (event ids 2130-2139).</summary>
internal static partial class FlowControlLog
{
    [LoggerMessage(EventId = 2130, Level = LogLevel.Debug, Message = "Reset the stream of {Path} on connection {ConnectionId}: its {Bytes} response bytes were not sent within {Seconds:0.#} s (the client kept its flow-control window closed; {UnsentBytes} unsent bytes in all)")]
    public static partial void StalledStreamReset(this ILogger logger, string path, string connectionId, long bytes, double seconds, long unsentBytes);

    [LoggerMessage(EventId = 2131, Level = LogLevel.Debug, Message = "Refused a call to {Path} on connection {ConnectionId}: its client leaves answers unread (over the connection's budget)")]
    public static partial void UnreadConnectionCallRefused(this ILogger logger, string path, string connectionId);

    [LoggerMessage(EventId = 2132, Level = LogLevel.Debug, Message = "Closed connection {ConnectionId}: its {Bytes} response bytes were not sent within {Seconds:0.#} s (the client kept its flow-control window closed; {UnsentBytes} unsent bytes in all)")]
    public static partial void StalledConnectionClosed(this ILogger logger, string connectionId, long bytes, double seconds, long unsentBytes);
}

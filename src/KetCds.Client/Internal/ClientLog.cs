using Microsoft.Extensions.Logging;

namespace KetCds.Client.Internal;

/// <summary>Source-generated log messages of the client's circuit breaker; event ids are stable for log queries.</summary>
internal static partial class ClientLog
{
    [LoggerMessage(EventId = 5, Level = LogLevel.Warning, Message = "Circuit opened after repeated UNAVAILABLE failures; calls fail fast for {BreakMilliseconds} ms")]
    public static partial void CircuitOpened(ILogger logger, double breakMilliseconds);

    [LoggerMessage(EventId = 6, Level = LogLevel.Information, Message = "Circuit half-open; the next call probes the server")]
    public static partial void CircuitHalfOpened(ILogger logger);

    [LoggerMessage(EventId = 7, Level = LogLevel.Information, Message = "Circuit closed; calls flow normally again")]
    public static partial void CircuitClosed(ILogger logger);

    [LoggerMessage(EventId = 8, Level = LogLevel.Warning, Message = "{Method} rejected without calling the server: the circuit is open")]
    public static partial void CircuitRejected(ILogger logger, string method);
}

using Microsoft.Extensions.Logging;

namespace KetCds.Client.Internal.Logging;

/// <summary>Source-generated log messages of the client; event ids are stable for log queries.</summary>
internal static partial class ClientLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Debug, Message = "Calling {Method} (attempt {Attempt}, grpc-timeout {Timeout})")]
    public static partial void CallStarting(ILogger logger, string method, int attempt, string timeout);

    [LoggerMessage(EventId = 2, Level = LogLevel.Debug, Message = "{Method} completed with OK in {ElapsedMilliseconds} ms")]
    public static partial void CallSucceeded(ILogger logger, string method, double elapsedMilliseconds);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "{Method} failed with {StatusCode}: {Detail}")]
    public static partial void CallFailed(ILogger logger, string method, StatusCode statusCode, string detail);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "{Method} failed with {StatusCode}; retry {Retry} in {DelayMilliseconds} ms")]
    public static partial void RetryScheduled(ILogger logger, string method, StatusCode statusCode, int retry, double delayMilliseconds);

    [LoggerMessage(EventId = 5, Level = LogLevel.Warning, Message = "Circuit opened after repeated UNAVAILABLE failures; calls fail fast for {BreakMilliseconds} ms")]
    public static partial void CircuitOpened(ILogger logger, double breakMilliseconds);

    [LoggerMessage(EventId = 6, Level = LogLevel.Information, Message = "Circuit half-open; the next call probes the server")]
    public static partial void CircuitHalfOpened(ILogger logger);

    [LoggerMessage(EventId = 7, Level = LogLevel.Information, Message = "Circuit closed; calls flow normally again")]
    public static partial void CircuitClosed(ILogger logger);

    [LoggerMessage(EventId = 8, Level = LogLevel.Warning, Message = "{Method} rejected without calling the server: the circuit is open")]
    public static partial void CircuitRejected(ILogger logger, string method);

    [LoggerMessage(EventId = 9, Level = LogLevel.Debug, Message = "Batch stream {Method} opened")]
    public static partial void StreamOpened(ILogger logger, string method);
}

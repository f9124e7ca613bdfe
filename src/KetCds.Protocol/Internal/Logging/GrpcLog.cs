using Microsoft.Extensions.Logging;

namespace KetCds.Protocol.Internal.Logging;

/// <summary>Source-generated log messages of the gRPC protocol layer (event ids 1000-1099).</summary>
internal static partial class GrpcLog
{
    [LoggerMessage(EventId = 1000, Level = LogLevel.Error, Message = "Unhandled exception in gRPC method {Method}; the client receives INTERNAL")]
    public static partial void UnhandledException(this ILogger logger, string method, Exception exception);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Debug, Message = "gRPC call {Method} ended with {StatusCode}: {StatusMessage}")]
    public static partial void CallFailed(this ILogger logger, string method, GrpcStatusCode statusCode, string statusMessage);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Debug, Message = "gRPC call {Method} was cancelled by the client")]
    public static partial void ClientCancelled(this ILogger logger, string method);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Debug, Message = "Rejected {Protocol} request to {Path} with HTTP {HttpStatus}: {Reason}")]
    public static partial void RequestRejected(this ILogger logger, string protocol, string path, int httpStatus, string reason);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Debug, Message = "No gRPC method is mapped at {Path}")]
    public static partial void Unimplemented(this ILogger logger, string path);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Warning, Message = "Could not send the final status of gRPC call {Method}")]
    public static partial void StatusWriteFailed(this ILogger logger, string method, Exception exception);
}

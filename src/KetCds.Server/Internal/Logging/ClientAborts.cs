namespace KetCds.Server.Internal.Logging;

/// <summary>Tells a call its client abandoned while grpc-dotnet was still reading the request from one that failed here.</summary>
internal static class ClientAborts
{
    /// <summary>The category grpc-dotnet's call handlers log under.</summary>
    public const string HandlerCategory = "Grpc.AspNetCore.Server.ServerCallHandler";

    /// <summary>grpc-dotnet's "Error when executing service method" event.</summary>
    public const int ErrorExecutingServiceMethod = 6;

    // grpc-dotnet reads every request message through these methods; an exception thrown under them happened before
    // (unary) or between (streaming) the messages our code sees. If a future grpc-dotnet renames them, the event
    // simply stays an error, as it was before this filter.
    private const string RequestReadFrames = "Grpc.AspNetCore.Server.Internal.PipeExtensions.Read";

    /// <summary>True when <paramref name="exception"/> is the client closing or resetting its stream mid-request.</summary>
    public static bool IsClientAbort(Exception? exception) =>
        exception is IOException or OperationCanceledException
        && exception.StackTrace is { } stack
        && stack.Contains(RequestReadFrames, StringComparison.Ordinal);
}

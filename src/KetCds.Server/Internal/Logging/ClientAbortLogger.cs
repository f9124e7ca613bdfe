namespace KetCds.Server.Internal.Logging;

/// <summary>Logs grpc-dotnet's call-handler events, with a client's mid-request abort as information rather than error.</summary>
/// <remarks>
/// grpc-dotnet logs a request stream the client closed or reset while the server read it as "Error when executing
/// service method" (grpc/grpc-dotnet#2441, grpc/grpc#40200): the method never ran, no one waits for an answer, and the
/// call ends cancelled. Left as an error it pages operators for every client that gives up, and hides real errors.
/// </remarks>
internal sealed class ClientAbortLogger(ILogger inner) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => inner.BeginScope(state);

    public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (logLevel == LogLevel.Error
            && eventId.Id == ClientAborts.ErrorExecutingServiceMethod
            && ClientAborts.IsClientAbort(exception))
        {
            if (inner.IsEnabled(LogLevel.Information))
            {
                inner.Log(LogLevel.Information, eventId, state, exception, formatter);
            }

            return;
        }

        inner.Log(logLevel, eventId, state, exception, formatter);
    }
}

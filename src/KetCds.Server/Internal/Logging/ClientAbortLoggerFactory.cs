namespace KetCds.Server.Internal.Logging;

/// <summary>The host's logger factory, with grpc-dotnet's call-handler category wrapped by <see cref="ClientAbortLogger"/>.</summary>
internal sealed class ClientAbortLoggerFactory(ILoggerFactory inner) : ILoggerFactory
{
    public ILogger CreateLogger(string categoryName)
    {
        var logger = inner.CreateLogger(categoryName);
        return string.Equals(categoryName, ClientAborts.HandlerCategory, StringComparison.Ordinal)
            ? new ClientAbortLogger(logger)
            : logger;
    }

    public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);

    public void Dispose() => inner.Dispose();
}

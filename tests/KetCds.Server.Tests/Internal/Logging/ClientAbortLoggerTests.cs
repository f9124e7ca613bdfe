using KetCds.Server.Internal.Logging;
using Microsoft.Extensions.Logging;

namespace KetCds.Server.Tests.Internal.Logging;

public sealed class ClientAbortLoggerTests
{
    [Fact]
    public async Task Log_ServiceMethodErrorFromADroppedConnection_LoggedAsInformation()
    {
        var failure = await AbandonedRequests.ReadFailureAsync();
        var (capture, logger) = Create();

        logger.Log(LogLevel.Error, new EventId(ClientAborts.ErrorExecutingServiceMethod), "failed", failure, static (s, _) => s);

        var entry = Assert.Single(capture.Entries);
        Assert.Equal(LogLevel.Information, entry.Level);
        Assert.Equal(ClientAborts.ErrorExecutingServiceMethod, entry.EventId.Id);
        Assert.Same(failure, entry.Exception);
    }

    [Fact]
    public void Log_ErrorEventOfAnotherKind_StaysAnError()
    {
        var (capture, logger) = Create();

        logger.Log(LogLevel.Error, new EventId(ClientAborts.ErrorExecutingServiceMethod), "failed", new InvalidOperationException("bug"), static (s, _) => s);

        Assert.Equal(LogLevel.Error, Assert.Single(capture.Entries).Level);
    }

    [Fact]
    public void Log_IOExceptionNotFromReadingTheRequest_StaysAnError()
    {
        var (capture, logger) = Create();

        logger.Log(LogLevel.Error, new EventId(ClientAborts.ErrorExecutingServiceMethod), "failed", Thrown(new IOException("disk")), static (s, _) => s);

        Assert.Equal(LogLevel.Error, Assert.Single(capture.Entries).Level);
    }

    [Fact]
    public void Log_OtherEventsAndLevels_PassThroughUnchanged()
    {
        var (capture, logger) = Create();

        logger.Log(LogLevel.Warning, new EventId(3), "slow", null, static (s, _) => s);
        logger.Log(LogLevel.Error, new EventId(7), "other", Thrown(new IOException("x")), static (s, _) => s);

        Assert.Equal([LogLevel.Warning, LogLevel.Error], capture.Entries.Select(e => e.Level));
        Assert.Equal([3, 7], capture.Entries.Select(e => e.EventId.Id));
    }

    private static (CapturingLoggerProvider Capture, ClientAbortLogger Logger) Create()
    {
        var capture = new CapturingLoggerProvider();
        var factory = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Debug).AddProvider(capture));
        return (capture, new ClientAbortLogger(factory.CreateLogger(ClientAborts.HandlerCategory)));
    }

    private static Exception Thrown(Exception exception)
    {
        try
        {
            throw exception;
        }
        catch (Exception caught)
        {
            return caught;
        }
    }
}

using KetCds.Server.Internal.Logging;
using KetCds.Server.Tests.Infrastructure;
using Microsoft.Extensions.Logging;

namespace KetCds.Server.Tests.Internal.Logging;

/// <summary>Real grpc-dotnet failures from a client that dropped its connection mid-request.</summary>
internal static class AbandonedRequests
{
    /// <summary>Starts a server, drops a connection in the middle of an Evaluate request, returns what the read threw.</summary>
    public static async Task<Exception> ReadFailureAsync()
    {
        using var rules = TempRules.CopyOfShipped();
        // The server logs grpc-dotnet at Warning and up; the capture here sees Debug too, to see the read start.
        await using var server = await RunningServer.StartAsync(
            rules.Directory,
            logging: static l => l.AddFilter<CapturingLoggerProvider>("Grpc", LogLevel.Debug));
        // Dropped only once grpc-dotnet is reading the message: a drop before that leaves no read to fail.
        await UnfinishedCall.SendThenDropAsync(
            server.Address,
            "/ketcds.v1.DecisionSupportService/Evaluate",
            () => Eventually.TrueAsync(() => Task.FromResult(server.Logs.Entries.Any(e =>
                e.Category == ClientAborts.HandlerCategory && e.Message == "Reading message."))));

        CapturedLog? failure = null;
        await Eventually.TrueAsync(() =>
        {
            failure = server.Logs.Entries.FirstOrDefault(e => e.Category == ClientAborts.HandlerCategory && e.Exception is IOException);
            return Task.FromResult(failure is not null);
        });
        return failure?.Exception
            ?? throw new InvalidOperationException("The server logged no read failure:\n" + string.Join("\n", server.Logs.Entries));
    }
}

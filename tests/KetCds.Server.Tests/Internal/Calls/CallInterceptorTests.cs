using Grpc.Core;
using Grpc.Net.Client;
using KetCds.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using V1 = Grpc.Reflection.V1;

namespace KetCds.Server.Tests.Internal.Calls;

/// <summary>The per-call interceptor on a real server, called by real clients that leave early.</summary>
public sealed class CallInterceptorTests
{
    [Fact]
    public async Task DuplexStreamingServerHandler_ClientLeavesBeforeTheServiceReadsAgain_LogsNoError()
    {
        using var rules = TempRules.CopyOfShipped();
        // RunningServer's disposal fails the test on any error the server logged.
        await using var server = await RunningServer.StartAsync(
            rules.Directory,
            configure: static b => b.Services.AddGrpc(o => o.Interceptors.Add<AbortBeforeNextRead>()));
        using var channel = GrpcChannel.ForAddress(server.Address);

        // What grpcurl, buf or a test does with reflection: take the one answer it wanted and dispose the call without
        // reading the stream's end. The dispose resets the stream before the service reads its next request, which
        // grpc-dotnet then refuses with "Can't read messages after the request is complete".
        using (var call = new V1.ServerReflection.ServerReflectionClient(channel).ServerReflectionInfo())
        {
            await call.RequestStream.WriteAsync(new V1.ServerReflectionRequest { ListServices = "" });
            await call.RequestStream.CompleteAsync();
            Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
        }

        var ended = await Eventually.TrueAsync(() => Task.FromResult(server.Logs.Entries.Any(e =>
            e.Message.Contains("ServerReflectionInfo", StringComparison.Ordinal) && e.Message.Contains("ended", StringComparison.Ordinal))));
        Assert.True(ended, "the call's end was not logged:\n" + string.Join("\n", server.Logs.Entries));
        Assert.Contains(server.Logs.Entries, e => e.Message.Contains("ServerReflectionInfo", StringComparison.Ordinal) && e.Message.Contains(nameof(StatusCode.Cancelled), StringComparison.Ordinal));
    }

    [Fact]
    public async Task DuplexStreamingServerHandler_ServiceFailsWhileTheClientWaits_StaysAnError()
    {
        using var rules = TempRules.CopyOfShipped();
        var server = await RunningServer.StartAsync(
            rules.Directory,
            expectedError: static e => e.Exception is InvalidOperationException { Message: FailingStreams.Message },
            configure: static b => b.Services.AddGrpc(o => o.Interceptors.Add<FailingStreams>()));
        await using (server)
        {
            using var channel = GrpcChannel.ForAddress(server.Address);
            using var call = new V1.ServerReflection.ServerReflectionClient(channel).ServerReflectionInfo();

            var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(CancellationToken.None));

            // The same exception type as a client's early exit, but the client is still there: a server fault, reported
            // to the client as UNKNOWN and to operators as an error.
            Assert.Equal(StatusCode.Unknown, error.StatusCode);
            Assert.True(await Eventually.TrueAsync(() => Task.FromResult(server.Logs.Entries.Any(e =>
                e.Level == Microsoft.Extensions.Logging.LogLevel.Error && e.Exception is InvalidOperationException { Message: FailingStreams.Message }))));
        }
    }
}

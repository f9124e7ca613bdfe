using System.Net;
using System.Net.Http.Headers;
using KetCds.Server.Internal.Logging;
using Microsoft.Extensions.Logging;
using KetCds.Server.Tests.Infrastructure;

namespace KetCds.Server.Tests.Internal.Logging;

/// <summary>A real server and a client that resets its Evaluate call mid-request, as an impatient EHR does.</summary>
public sealed class ClientAbortLoggerFactoryTests
{
    [Fact]
    public async Task CreateLogger_ClientResetsEvaluateMidRequest_LogsNoError()
    {
        using var rules = TempRules.CopyOfShipped();
        // The server logs grpc-dotnet at Warning and up; this test's capture sees Debug too, so that it can tell the event
        // was logged lower rather than not at all, and see grpc-dotnet start reading. RunningServer's disposal fails the
        // test on any error entry.
        await using var server = await RunningServer.StartAsync(
            rules.Directory,
            logging: static l => l.AddFilter<CapturingLoggerProvider>("Grpc", LogLevel.Debug));
        using var http = new HttpClient(new SocketsHttpHandler());
        var body = new UnfinishedMessage();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(server.Address, "/ketcds.v1.DecisionSupportService/Evaluate"))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = body,
        };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/grpc");
        request.Headers.TE.Add(new TransferCodingWithQualityHeaderValue("trailers"));
        using var cancel = new CancellationTokenSource();

        var call = http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancel.Token);
        await body.Sent.WaitAsync(TimeSpan.FromSeconds(10));
        // Reset the stream only once grpc-dotnet is reading the message (its Debug "Reading message." line): a reset that
        // arrives before the read starts ends the call with nothing to log, which a fixed delay allowed on a loaded
        // machine (a clean-clone CI run saw it).
        var reading = await Eventually.TrueAsync(() => Task.FromResult(server.Logs.Entries.Any(e =>
            e.Category == ClientAborts.HandlerCategory && e.Message == "Reading message.")));
        Assert.True(reading, "grpc-dotnet never started reading the request:\n" + string.Join("\n", server.Logs.Entries));
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);

        // A reset stream (RST_STREAM) is one grpc-dotnet itself logs as a cancelled call, not as an error.
        var logged = await Eventually.TrueAsync(() => Task.FromResult(server.Logs.Entries.Any(e => e.Category == ClientAborts.HandlerCategory && e.Exception is IOException)));
        Assert.True(logged, "the reset was not logged at all:\n" + string.Join("\n", server.Logs.Entries));
    }

    [Fact]
    public async Task CreateLogger_ClientDropsConnectionMidRequest_LogsNoError()
    {
        using var rules = TempRules.CopyOfShipped();
        await using var server = await RunningServer.StartAsync(rules.Directory);

        // What a load generator or a crashed client does: the connection closes while a request is half sent, with no
        // RST_STREAM first. Depending on which grpc-dotnet notices first (the failed read or the aborted request), it
        // logs a cancelled call or "Error when executing service method" (event 6); the server logs neither as an error.
        await UnfinishedCall.SendThenDropAsync(server.Address, "/ketcds.v1.DecisionSupportService/Evaluate");
        await Task.Delay(500);
    }

    [Fact]
    public void CreateLogger_HandlerCategory_WrapsOnlyThatCategory()
    {
        using var capture = new CapturingLoggerProvider();
        using var inner = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Debug).AddProvider(capture));
        using var factory = new ClientAbortLoggerFactory(inner);

        Assert.IsType<ClientAbortLogger>(factory.CreateLogger(ClientAborts.HandlerCategory));
        Assert.IsNotType<ClientAbortLogger>(factory.CreateLogger("KetCds.Server"));
    }

    /// <summary>A gRPC frame that announces 100 bytes, sends 3 and then waits until the client gives up.</summary>
    private sealed class UnfinishedMessage : HttpContent
    {
        private readonly TaskCompletionSource _sent = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Sent => _sent.Task;

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
            SerializeToStreamAsync(stream, context, CancellationToken.None);

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
        {
            await stream.WriteAsync(new byte[] { 0, 0, 0, 0, 100, 10, 1, 120 }, cancellationToken);
            await stream.FlushAsync(cancellationToken);
            _sent.TrySetResult();
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}

using System.Net;
using KetCds.Protocol.Tests.Infrastructure;

namespace KetCds.Protocol.Tests.Calls;

public sealed class GrpcRequestStreamTests(GrpcServerFixture fixture) : ServerTestBase(fixture)
{
    [Fact]
    public async Task Read_ConnectionDroppedMidMessage_IsACancellationNotAServerError()
    {
        // A connection of its own, so dropping it leaves the shared client alone.
        var client = new GrpcTestClient(Fixture.Address);
        var contents = Enumerable.Range(0, 8).Select(_ => new HalfFrameContent()).ToArray();
        var calls = contents.Select(c => client.SendAsync(GrpcTestClient.CreateRequest("/ketcds.testing.v1.Echo/Unary", c))).ToArray();
        await Task.WhenAll(contents.Select(c => c.Sent.Task)).WaitAsync(TimeSpan.FromSeconds(30));

        // Every call is waiting for the rest of its frame when the whole HTTP/2 connection goes away.
        client.Dispose();
        foreach (var call in calls)
        {
            await Assert.ThrowsAnyAsync<Exception>(() => call);
        }

        Assert.True(await WaitForCancelledLogsAsync(contents.Length), "the server did not finish the dropped calls");
    }

    [Fact]
    public async Task ReadSingle_ClientResetsMidMessage_IsACancellationNotAServerError()
    {
        using var cts = new CancellationTokenSource();
        var content = new HalfFrameContent();
        var request = GrpcTestClient.CreateRequest("/ketcds.testing.v1.Echo/Unary", content);
        var call = Client.SendAsync(request, cts.Token);
        await content.Sent.Task.WaitAsync(TimeSpan.FromSeconds(30));

        // The server is now waiting for the rest of the frame; the client resets the stream.
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);

        // Disposal (ServerTestBase) fails the test if the server logged the reset as an error; wait for the server to
        // finish the call so that check sees its outcome.
        Assert.True(await WaitForCancelledLogsAsync(1), "the server did not record the client's cancellation");
    }

    /// <summary>Waits until the server has finished <paramref name="calls"/> calls, as cancellations or (wrongly) as errors.</summary>
    private async Task<bool> WaitForCancelledLogsAsync(int calls)
    {
        for (var i = 0; i < 300; i++)
        {
            var finished = Fixture.Logs.Entries.Count(e => e.EventId.Id is 1000 or 1002);
            if (finished >= calls)
            {
                return true;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100));
        }

        return false;
    }

    /// <summary>Sends the first bytes of a frame's length prefix, then holds the stream open until the request is cancelled.</summary>
    private sealed class HalfFrameContent : HttpContent
    {
        public TaskCompletionSource Sent { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => SerializeToStreamAsync(stream, context, CancellationToken.None);

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
        {
            await stream.WriteAsync(new byte[] { 0, 0, 0 }, cancellationToken);
            await stream.FlushAsync(cancellationToken);
            Sent.TrySetResult();
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}

using System.Threading.Channels;
using KetCds.Protocol.Tests.Infrastructure;
using KetCds.Protocol.Tests.Protos;

namespace KetCds.Protocol.Tests.Calls;

public sealed class StreamingCallHandlerTests(GrpcServerFixture fixture) : ServerTestBase(fixture)
{
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task ServerStreaming_CountRequested_SendsMessagesInOrderThenOk()
    {
        var result = await Client.UnaryAsync("/ketcds.testing.v1.Echo/ServerStream", new EchoRequest { Text = "s", Count = 50 });

        Assert.Equal(0, result.Status);
        Assert.Equal(Enumerable.Range(0, 50), result.Messages.Select(m => EchoResponse.Parser.ParseFrom(m).Index));
    }

    [Fact]
    public async Task ClientStreaming_ManyRequests_AllReadBeforeResponse()
    {
        var frames = Enumerable.Range(0, 100).Select(i => GrpcTestClient.Frame(new EchoRequest { Text = i.ToString(System.Globalization.CultureInfo.InvariantCulture) }));

        var result = await Client.CallAsync("/ketcds.testing.v1.Echo/ClientStream", frames);

        var response = EchoResponse.Parser.ParseFrom(Assert.Single(result.Messages));
        Assert.Equal(100, response.Index);
        Assert.Equal(string.Join(",", Enumerable.Range(0, 100)), response.Text);
    }

    [Fact]
    public async Task Duplex_ThousandsOfMessages_AnsweredInOrder()
    {
        const int count = 5000;
        var frames = Enumerable.Range(0, count).Select(i => GrpcTestClient.Frame(new EchoRequest { Text = "m" + i }));

        var result = await Client.CallAsync("/ketcds.testing.v1.Echo/Duplex", frames);

        Assert.Equal(0, result.Status);
        Assert.Equal(count, result.Messages.Count);
        for (var i = 0; i < count; i++)
        {
            var response = EchoResponse.Parser.ParseFrom(result.Messages[i]);
            Assert.Equal(("m" + i, i), (response.Text, response.Index));
        }
    }

    [Fact]
    public async Task Duplex_PingPong_EachRequestAnsweredBeforeTheNextIsSent()
    {
        // Would deadlock if the server buffered the request stream whole before answering.
        using var guard = new CancellationTokenSource(HangGuard);
        var outgoing = Channel.CreateUnbounded<byte[]>();
        using var request = GrpcTestClient.CreateRequest("/ketcds.testing.v1.Echo/Duplex", new ChannelContent(outgoing.Reader));
        await outgoing.Writer.WriteAsync(GrpcTestClient.Frame(new EchoRequest { Text = "ping0" }), guard.Token);
        using var response = await Client.SendAsync(request, guard.Token);
        await using var stream = await response.Content.ReadAsStreamAsync(guard.Token);

        for (var i = 0; i < 20; i++)
        {
            var payload = await GrpcTestClient.ReadFrameAsync(stream, guard.Token);
            Assert.Equal("ping" + i, EchoResponse.Parser.ParseFrom(payload!).Text);
            if (i < 19)
            {
                await outgoing.Writer.WriteAsync(GrpcTestClient.Frame(new EchoRequest { Text = "ping" + (i + 1) }), guard.Token);
            }
        }

        outgoing.Writer.Complete();
        Assert.Null(await GrpcTestClient.ReadFrameAsync(stream, guard.Token));
        Assert.Equal("0", string.Join(",", response.TrailingHeaders.GetValues("grpc-status")));
    }

    [Fact]
    public async Task Duplex_OversizedMessageMidStream_ResourceExhaustedInTrailers()
    {
        var frames = new[]
        {
            GrpcTestClient.Frame(new EchoRequest { Text = "ok" }),
            GrpcTestClient.Frame(new EchoRequest { Payload = Google.Protobuf.ByteString.CopyFrom(new byte[GrpcServerFixture.MaxMessageSize + 10]) }),
        };

        var result = await Client.CallAsync("/ketcds.testing.v1.Echo/Duplex", frames);

        Assert.Single(result.Messages);
        Assert.Equal(((int)GrpcStatusCode.ResourceExhausted).ToString(System.Globalization.CultureInfo.InvariantCulture), result.Trailer("grpc-status"));
    }

    [Fact]
    public async Task Duplex_EncodedResponses_EachSentByteForByteInOrder()
    {
        var requests = Enumerable.Range(0, 20).Select(i => new EchoRequest { Text = "e" + i, Count = i }).ToList();

        var result = await Client.CallAsync("/ketcds.testing.v1.Echo/EncodedDuplex", requests.Select(r => GrpcTestClient.Frame(r)));

        Assert.Equal(0, result.Status);
        Assert.Equal(requests.Select(EchoService.EncodedResponse), result.Messages);
    }

    [Fact]
    public async Task Duplex_EncodedResponseOverLimitMidStream_ResourceExhaustedAfterEarlierMessages()
    {
        var frames = new[]
        {
            GrpcTestClient.Frame(new EchoRequest { Text = "ok" }),
            GrpcTestClient.Frame(new EchoRequest { Count = GrpcServerFixture.MaxMessageSize + 1 }),
        };

        var result = await Client.CallAsync("/ketcds.testing.v1.Echo/EncodedDuplex", frames);

        Assert.Equal("ok", EchoResponse.Parser.ParseFrom(Assert.Single(result.Messages)).Text);
        Assert.Equal(((int)GrpcStatusCode.ResourceExhausted).ToString(System.Globalization.CultureInfo.InvariantCulture), result.Trailer("grpc-status"));
    }

    /// <summary>Request content that streams frames as the test produces them.</summary>
    private sealed class ChannelContent(ChannelReader<byte[]> frames) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context)
        {
            await foreach (var frame in frames.ReadAllAsync())
            {
                await stream.WriteAsync(frame);
                await stream.FlushAsync();
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = -1;
            return false;
        }
    }
}

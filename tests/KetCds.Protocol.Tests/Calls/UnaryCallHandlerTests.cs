using System.Net;
using System.Text;
using Google.Protobuf;
using KetCds.Protocol.Tests.Infrastructure;
using KetCds.Protocol.Tests.Protos;

namespace KetCds.Protocol.Tests.Calls;

public sealed class UnaryCallHandlerTests(GrpcServerFixture fixture) : ServerTestBase(fixture)
{
    [Fact]
    public async Task Handle_ValidRequest_SendsHeadersOneMessageAndOkTrailers()
    {
        var result = await Client.UnaryAsync("/ketcds.testing.v1.Echo/Unary", new EchoRequest { Text = "hello" });

        Assert.Equal(HttpStatusCode.OK, result.HttpStatus);
        Assert.Equal("application/grpc", result.Header("content-type"));
        Assert.Equal("identity,gzip", result.Header("grpc-accept-encoding"));
        Assert.Null(result.Header("grpc-status"));
        var message = Assert.Single(result.Messages);
        Assert.Equal("hello", EchoResponse.Parser.ParseFrom(message).Text);
        Assert.Equal("0", result.Trailer("grpc-status"));
    }

    [Theory]
    [InlineData("application/grpc+proto")]
    [InlineData("application/grpc; charset=utf-8")]
    public async Task Handle_GrpcContentTypeVariants_Accepted(string contentType)
    {
        using var request = GrpcTestClient.CreateRequest(
            "/ketcds.testing.v1.Echo/Unary", new ByteArrayContent(GrpcTestClient.Frame(new EchoRequest { Text = "x" })), contentType);
        using var response = await Client.SendAsync(request);
        var result = await GrpcTestResult.ReadAsync(response, default);

        Assert.Equal(0, result.Status);
        Assert.Single(result.Messages);
    }

    [Fact]
    public async Task Handle_AsciiAndBinaryMetadata_RoundTripsThroughHeadersAndTrailers()
    {
        var bytes = new byte[] { 0, 1, 2, 250, 255 };
        var result = await Client.UnaryAsync(
            "/ketcds.testing.v1.Echo/Unary",
            new EchoRequest { Text = "m" },
            request =>
            {
                request.Headers.TryAddWithoutValidation("x-echo", "plain value");
                request.Headers.TryAddWithoutValidation("x-echo-bin", Convert.ToBase64String(bytes));
            });

        Assert.Equal(0, result.Status);
        Assert.Equal("plain value", result.Header("x-echo-header"));
        Assert.Equal("plain value", result.Trailer("x-echo-trailer"));
        Assert.Equal(bytes, DecodeUnpadded(result.Header("x-echo-header-bin")!));
        Assert.Equal(bytes, DecodeUnpadded(result.Trailer("x-echo-trailer-bin")!));
    }

    [Fact]
    public async Task Handle_UnpaddedBinaryMetadata_IsDecoded()
    {
        var bytes = Encoding.ASCII.GetBytes("ab");
        var result = await Client.UnaryAsync(
            "/ketcds.testing.v1.Echo/Unary",
            new EchoRequest(),
            request => request.Headers.TryAddWithoutValidation("x-echo-bin", Convert.ToBase64String(bytes).TrimEnd('=')));

        Assert.Equal(bytes, DecodeUnpadded(result.Header("x-echo-header-bin")!));
    }

    [Fact]
    public async Task Handle_RequestLargerThanLimit_ResourceExhaustedTrailersOnly()
    {
        var request = new EchoRequest { Payload = Google.Protobuf.ByteString.CopyFrom(new byte[GrpcServerFixture.MaxMessageSize + 1]) };

        var result = await Client.UnaryAsync("/ketcds.testing.v1.Echo/Unary", request);

        Assert.Equal((int)GrpcStatusCode.ResourceExhausted, result.Status);
        Assert.True(result.IsTrailersOnly);
        Assert.Contains("larger than the limit", result.RawMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Handle_DeclaredLengthOverLimit_RefusedFromPrefixAlone()
    {
        // The prefix claims 1 GiB but only 10 bytes follow: the refusal must come from the prefix, not a full read.
        var frame = GrpcTestClient.Frame(0, new byte[10]);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), 1u << 30);

        var result = await Client.CallAsync("/ketcds.testing.v1.Echo/Unary", [frame]);

        Assert.Equal((int)GrpcStatusCode.ResourceExhausted, result.Status);
    }

    [Fact]
    public async Task Handle_EncodedResponse_SentByteForByteAsTheHandlerEncodedIt()
    {
        var request = new EchoRequest { Text = "pre-encoded", Count = 3 };

        var result = await Client.UnaryAsync("/ketcds.testing.v1.Echo/Encoded", request);

        Assert.Equal(0, result.Status);
        var message = Assert.Single(result.Messages);
        Assert.Equal(EchoService.EncodedResponse(request), message);
        Assert.NotEqual(EchoResponse.Parser.ParseFrom(message).ToByteArray(), message);
        Assert.Equal("pre-encoded", EchoResponse.Parser.ParseFrom(message).Text);
    }

    [Fact]
    public async Task Handle_EncodedResponseLargerThanLimit_ResourceExhaustedTrailersOnly()
    {
        var result = await Client.UnaryAsync("/ketcds.testing.v1.Echo/Encoded", new EchoRequest { Count = GrpcServerFixture.MaxMessageSize + 1 });

        Assert.Equal((int)GrpcStatusCode.ResourceExhausted, result.Status);
        Assert.True(result.IsTrailersOnly);
        Assert.Empty(result.Messages);
        Assert.Contains("larger than the limit", result.RawMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Handle_ResponseLargerThanLimit_ResourceExhausted()
    {
        var result = await Client.UnaryAsync("/ketcds.testing.v1.Echo/Unary", new EchoRequest { Count = GrpcServerFixture.MaxMessageSize + 1 });

        Assert.Equal((int)GrpcStatusCode.ResourceExhausted, result.Status);
        Assert.Empty(result.Messages);
        Assert.Contains("Response message", result.RawMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Handle_GzipRequest_IsDecompressed()
    {
        var result = await Client.CallAsync(
            "/ketcds.testing.v1.Echo/Unary",
            [GrpcTestClient.FrameGzip(new EchoRequest { Text = "zipped" })],
            request => request.Headers.TryAddWithoutValidation("grpc-encoding", "gzip"));

        Assert.Equal(0, result.Status);
        Assert.Equal("zipped", EchoResponse.Parser.ParseFrom(Assert.Single(result.Messages)).Text);
    }

    [Fact]
    public async Task Handle_GzipBombOverLimit_ResourceExhausted()
    {
        var request = new EchoRequest { Payload = Google.Protobuf.ByteString.CopyFrom(new byte[GrpcServerFixture.MaxMessageSize * 4]) };

        var result = await Client.CallAsync(
            "/ketcds.testing.v1.Echo/Unary",
            [GrpcTestClient.FrameGzip(request)],
            message => message.Headers.TryAddWithoutValidation("grpc-encoding", "gzip"));

        Assert.Equal((int)GrpcStatusCode.ResourceExhausted, result.Status);
        Assert.Contains("Decompressed", result.RawMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Handle_UnsupportedEncoding_UnimplementedWithAcceptEncoding()
    {
        var result = await Client.UnaryAsync(
            "/ketcds.testing.v1.Echo/Unary",
            new EchoRequest(),
            request => request.Headers.TryAddWithoutValidation("grpc-encoding", "snappy"));

        Assert.Equal((int)GrpcStatusCode.Unimplemented, result.Status);
        Assert.Equal("identity,gzip", result.Header("grpc-accept-encoding"));
        Assert.True(result.IsTrailersOnly);
    }

    [Fact]
    public async Task Handle_CompressedFlagWithoutEncoding_Internal()
    {
        var result = await Client.CallAsync("/ketcds.testing.v1.Echo/Unary", [GrpcTestClient.FrameGzip(new EchoRequest { Text = "z" })]);

        Assert.Equal((int)GrpcStatusCode.Internal, result.Status);
        Assert.Contains("compressed flag", result.RawMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Handle_NoRequestMessage_Internal()
    {
        var result = await Client.CallAsync("/ketcds.testing.v1.Echo/Unary", []);

        Assert.Equal((int)GrpcStatusCode.Internal, result.Status);
    }

    [Fact]
    public async Task Handle_TwoRequestMessages_Internal()
    {
        var frame = GrpcTestClient.Frame(new EchoRequest { Text = "a" });

        var result = await Client.CallAsync("/ketcds.testing.v1.Echo/Unary", [frame, frame]);

        Assert.Equal((int)GrpcStatusCode.Internal, result.Status);
    }

    [Fact]
    public async Task Handle_TruncatedMessage_Internal()
    {
        var frame = GrpcTestClient.Frame(new EchoRequest { Text = "abcdef" });

        var result = await Client.CallAsync("/ketcds.testing.v1.Echo/Unary", [frame[..^2]]);

        Assert.Equal((int)GrpcStatusCode.Internal, result.Status);
        Assert.Contains("middle of a message", result.RawMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Handle_GarbagePayload_Internal()
    {
        var result = await Client.CallAsync("/ketcds.testing.v1.Echo/Unary", [GrpcTestClient.Frame(0, [0xFF, 0xFF, 0xFF])]);

        Assert.Equal((int)GrpcStatusCode.Internal, result.Status);
    }

    private static byte[] DecodeUnpadded(string value) =>
        Convert.FromBase64String(value + new string('=', (4 - (value.Length % 4)) % 4));
}

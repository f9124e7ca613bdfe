using System.IO.Compression;
using System.Buffers.Binary;
using Google.Protobuf;
using KetCds.Client.Tests.Infrastructure;
using KetCds.Contracts.V1;
using Microsoft.AspNetCore.Http;

namespace KetCds.Client.Tests;

/// <summary>Responses the real server layer never produces (gzip responses, proxies' HTTP errors), from a raw Kestrel handler.</summary>
public sealed partial class DecisionSupportClientTests
{
    [Fact]
    public async Task EvaluateAsync_GzipResponse_IsDecompressed()
    {
        await using var server = await TestServer.StartRawAsync(async context =>
        {
            context.Response.ContentType = "application/grpc";
            context.Response.Headers["grpc-encoding"] = "gzip";
            await context.Response.Body.WriteAsync(Frame(new EvaluateResponse { RequestId = "from-gzip" }.ToByteArray(), gzip: true));
            context.Response.AppendTrailer("grpc-status", "0");
        });
        using var client = new DecisionSupportClient(server.Address, TestClients.FastRetries);

        var response = await client.EvaluateAsync(TestClients.ValidRequest());

        Assert.Equal("from-gzip", response.RequestId);
    }

    [Fact]
    public async Task EvaluateAsync_ErrorInTrailersAfterHeaders_UsesTrailerStatusAndDecodesMessage()
    {
        await using var server = await TestServer.StartRawAsync(async context =>
        {
            context.Response.ContentType = "application/grpc";
            await context.Response.Body.FlushAsync();
            context.Response.AppendTrailer("grpc-status", "10");
            context.Response.AppendTrailer("grpc-message", "conflit %C3%A0 100%25");
        });
        using var client = new DecisionSupportClient(server.Address, TestClients.FastRetries);

        var error = await Assert.ThrowsAsync<DecisionSupportException>(() => client.EvaluateAsync(TestClients.ValidRequest()));

        Assert.Equal(StatusCode.Aborted, error.StatusCode);
        Assert.Equal("conflit à 100%", error.Detail);
    }

    [Theory]
    [InlineData(503, StatusCode.Unavailable)]
    [InlineData(404, StatusCode.Unimplemented)]
    [InlineData(415, StatusCode.Unknown)]
    [InlineData(401, StatusCode.Unauthenticated)]
    public async Task EvaluateAsync_HttpErrorWithoutGrpcStatus_MapsToGrpcCode(int httpStatus, StatusCode expected)
    {
        var calls = 0;
        await using var server = await TestServer.StartRawAsync(context =>
        {
            Interlocked.Increment(ref calls);
            context.Response.StatusCode = httpStatus;
            return Task.CompletedTask;
        });
        using var client = new DecisionSupportClient(server.Address, TestClients.FastRetries with { MaxRetries = 2 });

        var error = await Assert.ThrowsAsync<DecisionSupportException>(() => client.EvaluateAsync(TestClients.ValidRequest()));

        Assert.Equal(expected, error.StatusCode);
        Assert.Contains(httpStatus.ToString(System.Globalization.CultureInfo.InvariantCulture), error.Detail, StringComparison.Ordinal);
        Assert.Equal(expected == StatusCode.Unavailable ? 3 : 1, calls);
    }

    [Fact]
    public async Task EvaluateAsync_OkWithoutMessage_FailsWithInternal()
    {
        await using var server = await TestServer.StartRawAsync(context =>
        {
            context.Response.ContentType = "application/grpc";
            context.Response.AppendTrailer("grpc-status", "0");
            return Task.CompletedTask;
        });
        using var client = new DecisionSupportClient(server.Address, TestClients.FastRetries);

        var error = await Assert.ThrowsAsync<DecisionSupportException>(() => client.EvaluateAsync(TestClients.ValidRequest()));

        Assert.Equal(StatusCode.Internal, error.StatusCode);
    }

    private static byte[] Frame(byte[] message, bool gzip)
    {
        var payload = message;
        if (gzip)
        {
            using var buffer = new MemoryStream();
            using (var zip = new GZipStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
            {
                zip.Write(message);
            }

            payload = buffer.ToArray();
        }

        var framed = new byte[5 + payload.Length];
        framed[0] = gzip ? (byte)1 : (byte)0;
        BinaryPrimitives.WriteUInt32BigEndian(framed.AsSpan(1), (uint)payload.Length);
        payload.CopyTo(framed, 5);
        return framed;
    }
}

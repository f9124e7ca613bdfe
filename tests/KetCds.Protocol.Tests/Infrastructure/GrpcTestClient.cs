using System.Buffers.Binary;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using Google.Protobuf;

namespace KetCds.Protocol.Tests.Infrastructure;

/// <summary>A minimal gRPC client over HttpClient (HTTP/2 prior knowledge) that frames messages itself.</summary>
public sealed class GrpcTestClient(Uri baseAddress) : IDisposable
{
    private readonly HttpClient _http = new(new SocketsHttpHandler { EnableMultipleHttp2Connections = true })
    {
        BaseAddress = baseAddress,
        DefaultRequestVersion = HttpVersion.Version20,
        DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        Timeout = TimeSpan.FromMinutes(2),
    };

    public Uri BaseAddress => baseAddress;

    public static byte[] Frame(IMessage message) => Frame(0, message.ToByteArray());

    public static byte[] FrameGzip(IMessage message)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            message.WriteTo(gzip);
        }

        return Frame(1, output.ToArray());
    }

    public static byte[] Frame(byte compressedFlag, byte[] payload)
    {
        var frame = new byte[5 + payload.Length];
        frame[0] = compressedFlag;
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), (uint)payload.Length);
        payload.CopyTo(frame, 5);
        return frame;
    }

    public static HttpRequestMessage CreateRequest(string path, HttpContent content, string contentType = "application/grpc")
    {
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = content,
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        request.Headers.TryAddWithoutValidation("te", "trailers");
        return request;
    }

    /// <summary>Sends the framed messages as the whole request body and reads the whole response.</summary>
    public async Task<GrpcTestResult> CallAsync(
        string path,
        IEnumerable<byte[]> frames,
        Action<HttpRequestMessage>? configure = null,
        CancellationToken cancellationToken = default)
    {
        var body = frames.SelectMany(f => f).ToArray();
        using var request = CreateRequest(path, new ByteArrayContent(body));
        configure?.Invoke(request);
        using var response = await SendAsync(request, cancellationToken);
        return await GrpcTestResult.ReadAsync(response, cancellationToken);
    }

    public Task<GrpcTestResult> UnaryAsync(
        string path,
        IMessage message,
        Action<HttpRequestMessage>? configure = null,
        CancellationToken cancellationToken = default) =>
        CallAsync(path, [Frame(message)], configure, cancellationToken);

    public Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken = default) =>
        _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);

    /// <summary>Reads the next length-prefixed message payload, or null at the end of the stream.</summary>
    public static async Task<byte[]?> ReadFrameAsync(Stream stream, CancellationToken cancellationToken)
    {
        var prefix = new byte[5];
        var read = await stream.ReadAtLeastAsync(prefix, 5, throwOnEndOfStream: false, cancellationToken);
        if (read == 0)
        {
            return null;
        }

        if (read < 5)
        {
            throw new InvalidDataException("Response stream ended inside a message prefix.");
        }

        var payload = new byte[BinaryPrimitives.ReadUInt32BigEndian(prefix.AsSpan(1))];
        await stream.ReadExactlyAsync(payload, cancellationToken);
        return payload;
    }

    public void Dispose() => _http.Dispose();
}

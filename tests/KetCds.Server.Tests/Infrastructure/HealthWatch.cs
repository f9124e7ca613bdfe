using System.Buffers.Binary;
using System.Net;
using System.Net.Http.Headers;
using System.Threading.Channels;
using Google.Protobuf;
using Grpc.Health.V1;
using ServingStatus = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace KetCds.Server.Tests.Infrastructure;

/// <summary>
/// A raw grpc.health.v1.Health/Watch stream over HTTP/2 (the .NET client has no Watch): collects every status the
/// server pushes so a test can wait for a transition.
/// </summary>
internal sealed class HealthWatch : IAsyncDisposable
{
    private readonly HttpClient _http = new(new SocketsHttpHandler()) { DefaultRequestVersion = HttpVersion.Version20 };
    private readonly CancellationTokenSource _stop = new();
    private readonly Channel<ServingStatus> _statuses = Channel.CreateUnbounded<ServingStatus>();
    private readonly Task _reader;

    private HealthWatch(Uri address, string service) => _reader = ReadAsync(address, service);

    public static HealthWatch Start(Uri address, string service) => new(address, service);

    /// <summary>Waits for the next status the server sends, or null after 10 s.</summary>
    public async Task<ServingStatus?> NextAsync()
    {
        using var timeout = new CancellationTokenSource(Eventually.DefaultTimeout);
        try
        {
            return await _statuses.Reader.ReadAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            return null;
        }
        catch (ChannelClosedException ex)
        {
            throw new InvalidOperationException("the Watch stream ended", ex.InnerException);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _reader;
        }
        catch (OperationCanceledException)
        {
        }

        _http.Dispose();
        _stop.Dispose();
    }

    private async Task ReadAsync(Uri address, string service)
    {
        try
        {
            var payload = new HealthCheckRequest { Service = service }.ToByteArray();
            var frame = new byte[5 + payload.Length];
            BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), (uint)payload.Length);
            payload.CopyTo(frame, 5);
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(address, "/grpc.health.v1.Health/Watch"))
            {
                Version = HttpVersion.Version20,
                VersionPolicy = HttpVersionPolicy.RequestVersionExact,
                Content = new ByteArrayContent(frame),
            };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc");
            request.Headers.TE.Add(new TransferCodingWithQualityHeaderValue("trailers"));
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, _stop.Token);
            response.EnsureSuccessStatusCode();
            await using var body = await response.Content.ReadAsStreamAsync(_stop.Token);
            var header = new byte[5];
            while (true)
            {
                await body.ReadExactlyAsync(header, _stop.Token);
                var message = new byte[BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(1))];
                await body.ReadExactlyAsync(message, _stop.Token);
                await _statuses.Writer.WriteAsync(HealthCheckResponse.Parser.ParseFrom(message).Status, _stop.Token);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _statuses.Writer.TryComplete(ex);
        }
    }
}

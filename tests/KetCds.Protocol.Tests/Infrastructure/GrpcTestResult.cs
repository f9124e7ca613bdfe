using System.Net;
using System.Net.Http.Headers;

namespace KetCds.Protocol.Tests.Infrastructure;

/// <summary>Everything a gRPC client sees of one call: HTTP status, headers, messages and trailers.</summary>
public sealed record GrpcTestResult(
    HttpStatusCode HttpStatus,
    HttpResponseHeaders Headers,
    HttpContentHeaders ContentHeaders,
    IReadOnlyList<byte[]> Messages,
    int BodyLength,
    HttpResponseHeaders Trailers)
{
    /// <summary>grpc-status from the trailers, or from the headers of a Trailers-Only response.</summary>
    public int? Status => Int(Trailer("grpc-status") ?? Header("grpc-status"));

    /// <summary>grpc-message as sent on the wire (still percent-encoded).</summary>
    public string? RawMessage => Trailer("grpc-message") ?? Header("grpc-message");

    public bool IsTrailersOnly => Header("grpc-status") is not null && BodyLength == 0 && !Trailers.Any();

    public string? Header(string name) =>
        Headers.TryGetValues(name, out var values) ? string.Join(",", values)
        : ContentHeaders.TryGetValues(name, out var contentValues) ? string.Join(",", contentValues)
        : null;

    public string? Trailer(string name) => Trailers.TryGetValues(name, out var values) ? string.Join(",", values) : null;

    public static async Task<GrpcTestResult> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        var messages = new List<byte[]>();
        using (var stream = new MemoryStream(body))
        {
            while (await GrpcTestClient.ReadFrameAsync(stream, cancellationToken) is { } payload)
            {
                messages.Add(payload);
            }
        }

        return new GrpcTestResult(response.StatusCode, response.Headers, response.Content.Headers, messages, body.Length, response.TrailingHeaders);
    }

    private static int? Int(string? value) => value is null ? null : int.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
}

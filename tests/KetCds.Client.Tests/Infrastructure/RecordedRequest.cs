using Microsoft.AspNetCore.Http;

namespace KetCds.Client.Tests.Infrastructure;

/// <summary>The protocol-relevant parts of one request as the server saw them.</summary>
internal sealed record RecordedRequest(
    string Path,
    string Protocol,
    string? ContentType,
    string? Te,
    string? GrpcTimeout,
    string? GrpcEncoding,
    string? GrpcAcceptEncoding,
    string? Echo)
{
    public static RecordedRequest From(HttpRequest request) => new(
        request.Path.Value ?? string.Empty,
        request.Protocol,
        request.ContentType,
        Header(request, "te"),
        Header(request, "grpc-timeout"),
        Header(request, "grpc-encoding"),
        Header(request, "grpc-accept-encoding"),
        Header(request, "x-echo"));

    private static string? Header(HttpRequest request, string name) =>
        request.Headers.TryGetValue(name, out var values) ? values.ToString() : null;
}

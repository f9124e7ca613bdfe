using System.Net;
using System.Net.Http.Headers;
using System.Reflection;
using KetCds.Client.Internal.Http;
using KetCds.Client.Internal.Methods;

namespace KetCds.Client.Internal.Calls;

/// <summary>Builds the HTTP/2 request of one gRPC call attempt with the protocol's headers and the caller's metadata.</summary>
internal static class GrpcRequestFactory
{
    private static readonly string UserAgent =
        $"ketcds-dotnet/{typeof(GrpcRequestFactory).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0"}";

    public static HttpRequestMessage Create(
        Uri baseAddress,
        GrpcMethod method,
        HttpContent content,
        IReadOnlyList<MetadataEntry> metadata,
        TimeSpan? timeout,
        bool compressed)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(baseAddress, method.Path))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = content,
        };

        // Proxies and servers use "te: trailers" to tell a trailer-capable client; gRPC requires it.
        request.Headers.TE.Add(new TransferCodingWithQualityHeaderValue("trailers"));
        request.Headers.TryAddWithoutValidation("user-agent", UserAgent);
        if (timeout is { } remaining)
        {
            request.Headers.TryAddWithoutValidation(GrpcHeaders.Timeout, GrpcTimeoutFormatter.Format(remaining));
        }

        if (compressed)
        {
            request.Headers.TryAddWithoutValidation(GrpcHeaders.Encoding, GrpcHeaders.Gzip);
        }

        request.Headers.TryAddWithoutValidation(GrpcHeaders.AcceptEncoding, GrpcHeaders.AcceptedEncodings);
        foreach (var entry in metadata)
        {
            var value = entry.IsBinary ? Base64Metadata.Encode(entry.BinaryValue.Span) : entry.Value;
            request.Headers.TryAddWithoutValidation(entry.Key, value);
        }

        return request;
    }

    /// <summary>Fails with a clear error when the caller's metadata list holds a null entry.</summary>
    public static void ValidateMetadata(IReadOnlyList<MetadataEntry>? metadata)
    {
        if (metadata is null)
        {
            throw new ArgumentException("CallOptions.Headers must not be null; use an empty list.", "options");
        }

        for (var i = 0; i < metadata.Count; i++)
        {
            if (metadata[i] is null)
            {
                throw new ArgumentException($"CallOptions.Headers[{i}] is null.", "options");
            }
        }
    }
}

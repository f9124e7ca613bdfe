using System.Globalization;
using System.Net;
using System.Net.Http.Headers;

namespace KetCds.Client.Internal.Http;

/// <summary>Reads a call's status from response headers (Trailers-Only, HTTP errors) or from trailers.</summary>
internal static class ResponseStatusReader
{
    /// <summary>The status that the headers alone settle, or null when the body and trailers must be read.</summary>
    public static CallStatus? FromResponseHeaders(HttpResponseMessage response)
    {
        // A grpc-status in the headers is a Trailers-Only response; the protocol says it wins over the HTTP status.
        var status = FromStatusHeaders(response.Headers);
        if (status is not null)
        {
            return status;
        }

        if (response.StatusCode != HttpStatusCode.OK)
        {
            var code = HttpStatusMapper.ToStatusCode((int)response.StatusCode);
            return new CallStatus(
                code,
                $"HTTP status {(int)response.StatusCode} {response.ReasonPhrase} without grpc-status.",
                null,
                ResponseMetadataReader.Read(response.Headers));
        }

        var contentType = response.Content.Headers.ContentType?.MediaType;
        if (!IsGrpcContentType(contentType))
        {
            return new CallStatus(
                StatusCode.Unknown,
                $"Response content-type is '{contentType ?? "(none)"}', not '{GrpcHeaders.ContentType}'.",
                null,
                ResponseMetadataReader.Read(response.Headers));
        }

        return null;
    }

    /// <summary>The status from trailers once the body has been read to its end.</summary>
    public static CallStatus FromTrailers(HttpResponseMessage response) =>
        FromStatusHeaders(response.TrailingHeaders)
        ?? new CallStatus(StatusCode.Internal, "The response ended without a grpc-status trailer.", null, ResponseMetadataReader.Read(response.TrailingHeaders));

    /// <summary>Parses grpc-status, grpc-message and grpc-status-details-bin; null when grpc-status is absent.</summary>
    public static CallStatus? FromStatusHeaders(HttpHeaders headers)
    {
        var rawStatus = ResponseMetadataReader.First(headers, GrpcHeaders.Status);
        if (rawStatus is null)
        {
            return null;
        }

        var rawMessage = ResponseMetadataReader.First(headers, GrpcHeaders.Message);
        var message = rawMessage is null ? string.Empty : PercentDecoder.Decode(rawMessage);
        var details = StatusDetailsParser.TryParse(ResponseMetadataReader.First(headers, GrpcHeaders.StatusDetails));
        var trailers = ResponseMetadataReader.Read(headers);

        if (!int.TryParse(rawStatus.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            || !Enum.IsDefined((StatusCode)number))
        {
            return new CallStatus(StatusCode.Unknown, $"Invalid grpc-status '{rawStatus}'. {message}".TrimEnd(), details, trailers);
        }

        return new CallStatus((StatusCode)number, message, details, trailers);
    }

    private static bool IsGrpcContentType(string? mediaType) =>
        mediaType is not null
        && mediaType.StartsWith(GrpcHeaders.ContentType, StringComparison.OrdinalIgnoreCase)
        && (mediaType.Length == GrpcHeaders.ContentType.Length || mediaType[GrpcHeaders.ContentType.Length] == '+');
}

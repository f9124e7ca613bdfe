using System.Net.Http;
using Google.Protobuf;

namespace KetCds.Client.Internal.Http;

/// <summary>Maps failures of the HTTP/2 transport to gRPC status codes.</summary>
internal static class TransportErrorMapper
{
    /// <summary>The status for <paramref name="exception"/>, or null when it is not a transport failure.</summary>
    public static DecisionSupportException? TryMap(Exception exception)
    {
        if (exception is DecisionSupportException known)
        {
            return known;
        }

        // A stream reset is often wrapped; its HTTP/2 error code is the most precise signal there is.
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is HttpProtocolException reset)
            {
                return Create(FromHttp2ErrorCode(reset.ErrorCode), $"HTTP/2 stream error {reset.ErrorCode}: {reset.Message}", exception);
            }
        }

        return exception switch
        {
            HttpRequestException request => Create(FromRequestError(request.HttpRequestError), Describe(request), exception),
            HttpIOException io => Create(FromRequestError(io.HttpRequestError), $"Transport failed: {io.Message}", exception),
            InvalidDataException data => Create(StatusCode.Internal, $"Response could not be decompressed: {data.Message}", exception),
            InvalidProtocolBufferException proto => Create(StatusCode.Internal, $"Response message could not be parsed: {proto.Message}", exception),
            IOException io => Create(StatusCode.Unavailable, $"Transport failed: {io.Message}", exception),
            _ => null,
        };
    }

    public static StatusCode FromHttp2ErrorCode(long errorCode) => errorCode switch
    {
        0x7 => StatusCode.Unavailable,        // REFUSED_STREAM: the server did not process the request.
        0x8 => StatusCode.Cancelled,          // CANCEL
        0xB => StatusCode.ResourceExhausted,  // ENHANCE_YOUR_CALM
        0xC => StatusCode.PermissionDenied,   // INADEQUATE_SECURITY
        _ => StatusCode.Internal,
    };

    private static StatusCode FromRequestError(HttpRequestError error) => error switch
    {
        HttpRequestError.HttpProtocolError => StatusCode.Internal,
        HttpRequestError.ConfigurationLimitExceeded => StatusCode.ResourceExhausted,
        HttpRequestError.UserAuthenticationError => StatusCode.Unauthenticated,
        _ => StatusCode.Unavailable,
    };

    private static string Describe(HttpRequestException exception) =>
        exception.HttpRequestError switch
        {
            HttpRequestError.ConnectionError => $"Could not connect to the server: {exception.Message}",
            HttpRequestError.NameResolutionError => $"Could not resolve the server's name: {exception.Message}",
            HttpRequestError.SecureConnectionError => $"TLS handshake with the server failed: {exception.Message}",
            HttpRequestError.VersionNegotiationError => $"The server does not speak HTTP/2: {exception.Message}",
            _ => $"Transport failed: {exception.Message}",
        };

    private static DecisionSupportException Create(StatusCode code, string detail, Exception inner) =>
        new(code, detail, null, [], inner);
}

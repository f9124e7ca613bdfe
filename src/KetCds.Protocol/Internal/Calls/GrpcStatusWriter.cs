using System.Globalization;
using Google.Protobuf;
using KetCds.Protocol.Internal.Http;
using Microsoft.AspNetCore.Http;

namespace KetCds.Protocol.Internal.Calls;

/// <summary>Ends a call with its status: Trailers-Only when nothing was sent yet, otherwise as HTTP/2 trailers.</summary>
internal static class GrpcStatusWriter
{
    private static readonly string[] StatusStrings = CreateStatusStrings();

    public static void Write(HttpContext http, GrpcCallContext? call, GrpcStatusCode code, string? message, Google.Rpc.Status? details)
    {
        var response = http.Response;
        var trailersOnly = !response.HasStarted && call?.MessageWritten != true;
        if (trailersOnly)
        {
            var headers = response.Headers;
            headers.GrpcStatus = StatusStrings[(int)code];
            if (!string.IsNullOrEmpty(message))
            {
                headers.GrpcMessage = PercentEncoder.Encode(message);
            }

            if (details is not null)
            {
                headers[GrpcHeaders.StatusDetails] = MetadataCodec.EncodeBinary(details.ToByteArray());
            }

            if (call?.ResponseTrailers is { } custom)
            {
                foreach (var trailer in custom)
                {
                    headers.Append(trailer.Key, trailer.Value);
                }
            }

            return;
        }

        response.AppendTrailer(GrpcHeaders.Status, StatusStrings[(int)code]);
        if (!string.IsNullOrEmpty(message))
        {
            response.AppendTrailer(GrpcHeaders.Message, PercentEncoder.Encode(message));
        }

        if (details is not null)
        {
            response.AppendTrailer(GrpcHeaders.StatusDetails, MetadataCodec.EncodeBinary(details.ToByteArray()));
        }

        if (call?.ResponseTrailers is { } trailers)
        {
            foreach (var trailer in trailers)
            {
                response.AppendTrailer(trailer.Key, trailer.Value);
            }
        }
    }

    private static string[] CreateStatusStrings()
    {
        var strings = new string[17];
        for (var i = 0; i < strings.Length; i++)
        {
            strings[i] = i.ToString(CultureInfo.InvariantCulture);
        }

        return strings;
    }
}

using KetCds.Protocol.Internal.Logging;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace KetCds.Protocol.Internal.Http;

/// <summary>Admits only HTTP/2 POSTs with a gRPC protobuf content type and sets the headers every gRPC response carries.</summary>
internal static class GrpcRequestGate
{
    public static ValueTask<bool> TryAcceptAsync(HttpContext http, ILogger logger)
    {
        var request = http.Request;
        if (!HttpProtocol.IsHttp2(request.Protocol))
        {
            return RejectAsync(http, logger, StatusCodes.Status426UpgradeRequired, "gRPC requires HTTP/2.");
        }

        if (!GrpcHeaders.IsGrpcContentType(request.ContentType))
        {
            return RejectAsync(
                http,
                logger,
                StatusCodes.Status415UnsupportedMediaType,
                "Content-Type must be application/grpc or application/grpc+proto.");
        }

        var response = http.Response;
        response.ContentType = GrpcHeaders.ContentType;
        response.Headers.GrpcAcceptEncoding = GrpcHeaders.SupportedEncodings;
        return ValueTask.FromResult(true);
    }

    private static async ValueTask<bool> RejectAsync(HttpContext http, ILogger logger, int status, string reason)
    {
        logger.RequestRejected(http.Request.Protocol, http.Request.Path.Value ?? string.Empty, status, reason);
        http.Response.StatusCode = status;
        if (status == StatusCodes.Status426UpgradeRequired)
        {
            http.Response.Headers.Upgrade = "h2c";
            http.Response.Headers.Connection = "Upgrade";
        }

        http.Response.ContentType = "text/plain; charset=utf-8";
        await http.Response.WriteAsync(reason, http.RequestAborted).ConfigureAwait(false);
        return false;
    }
}

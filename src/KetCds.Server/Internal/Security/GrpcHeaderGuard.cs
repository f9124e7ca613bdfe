using Grpc.Core;
using Microsoft.AspNetCore.Http;

namespace KetCds.Server.Internal.Security;

/// <summary>
/// Answers a gRPC request whose <c>grpc-encoding</c> the server does not support with UNIMPLEMENTED and a fixed message.
/// grpc-dotnet's own answer quotes the header's value in <c>grpc-message</c>; request header values are never echoed back
/// (they can carry anything a caller puts there).
/// </summary>
internal sealed class GrpcHeaderGuard(RequestDelegate next)
{
    private const string Supported = "identity,gzip";

    public Task InvokeAsync(HttpContext context)
    {
        var encoding = context.Request.Headers["grpc-encoding"];
        // Encodings grpc-dotnet knows go on to it; it answers those itself, and their names are its own, not the caller's.
        if (encoding.Count == 0 || (encoding.Count == 1 && encoding[0] is "identity" or "gzip" or "deflate"))
        {
            return next(context);
        }

        context.Response.Headers["grpc-accept-encoding"] = Supported;
        return GrpcStatusResponse.WriteAsync(context, StatusCode.Unimplemented, "unsupported grpc-encoding; supported: " + Supported);
    }
}

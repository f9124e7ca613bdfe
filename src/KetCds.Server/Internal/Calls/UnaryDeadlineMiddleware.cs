using System.Globalization;
using Grpc.AspNetCore.Server;
using Grpc.Core;
using Microsoft.AspNetCore.Http;

namespace KetCds.Server.Internal.Calls;

/// <summary>
/// Gives unary gRPC calls that arrive without a <c>grpc-timeout</c> the server's default deadline
/// (<c>KetCds:MaxDeadlineSeconds</c>), so a call whose request never completes cannot hold a stream forever. grpc-dotnet
/// then enforces it like a client's own deadline. Streaming calls are left alone: a batch lasts as long as its client
/// wants, within the client's own deadline.
/// </summary>
internal sealed class UnaryDeadlineMiddleware(RequestDelegate next, int defaultDeadlineSeconds)
{
    private readonly string _timeout = defaultDeadlineSeconds.ToString(CultureInfo.InvariantCulture) + "S";

    public Task InvokeAsync(HttpContext context)
    {
        // A call whose client went away while it waited for a concurrency permit has nobody to answer; handing it to
        // grpc-dotnet would only make it fail reading the aborted request and log that as a server error.
        if (context.RequestAborted.IsCancellationRequested)
        {
            return Task.CompletedTask;
        }

        var headers = context.Request.Headers;
        if (!headers.ContainsKey("grpc-timeout")
            && context.GetEndpoint()?.Metadata.GetMetadata<GrpcMethodMetadata>() is { Method.Type: MethodType.Unary })
        {
            headers["grpc-timeout"] = _timeout;
        }

        return next(context);
    }
}

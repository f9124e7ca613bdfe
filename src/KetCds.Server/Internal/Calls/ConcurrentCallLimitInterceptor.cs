using Grpc.Core;
using Grpc.Core.Interceptors;
using KetCds.Server.Internal.Security;

namespace KetCds.Server.Internal.Calls;

/// <summary>
/// Holds each decision-support call to the <see cref="ConcurrentCallLimit"/> while it is served; a call that finds the
/// queue full is UNAVAILABLE, which clients may retry elsewhere or later. It runs after the answer budget has admitted a
/// unary call, so a call waiting for room for its answer holds no slot that a client who reads could use.
/// </summary>
internal sealed class ConcurrentCallLimitInterceptor(ConcurrentCallLimit limit) : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        using var slot = await AcquireAsync(context).ConfigureAwait(false);
        return await continuation(request, context).ConfigureAwait(false);
    }

    public override async Task DuplexStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream,
        IServerStreamWriter<TResponse> responseStream,
        ServerCallContext context,
        DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        using var slot = await AcquireAsync(context).ConfigureAwait(false);
        await continuation(requestStream, responseStream, context).ConfigureAwait(false);
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        using var slot = await AcquireAsync(context).ConfigureAwait(false);
        await continuation(request, responseStream, context).ConfigureAwait(false);
    }

    public override async Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        using var slot = await AcquireAsync(context).ConfigureAwait(false);
        return await continuation(requestStream, context).ConfigureAwait(false);
    }

    private async ValueTask<IDisposable?> AcquireAsync(ServerCallContext context)
    {
        if (!GrpcStatusResponse.IsDecisionSupportCall(context.GetHttpContext()) || limit.AcquireAsync(context.CancellationToken) is not { } pending)
        {
            return null;
        }

        var lease = await pending.ConfigureAwait(false);
        if (!lease.IsAcquired)
        {
            lease.Dispose();
            throw new RpcException(new Status(StatusCode.Unavailable, ConcurrentCallLimit.AtLimitMessage));
        }

        return lease;
    }
}

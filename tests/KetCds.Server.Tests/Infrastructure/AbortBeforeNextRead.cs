using Grpc.Core;
using Grpc.Core.Interceptors;

namespace KetCds.Server.Tests.Infrastructure;

/// <summary>
/// Fault injection for streaming calls: after each message the service writes, holds the service until the client has
/// aborted the call, so the service's next read or write always finds the request already complete. On a loaded server
/// that ordering happens by chance; here it happens every time.
/// </summary>
internal sealed class AbortBeforeNextRead : Interceptor
{
    private static readonly TimeSpan MostWait = TimeSpan.FromSeconds(10);

    public override Task DuplexStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream,
        IServerStreamWriter<TResponse> responseStream,
        ServerCallContext context,
        DuplexStreamingServerMethod<TRequest, TResponse> continuation) =>
        continuation(requestStream, new HeldWriter<TResponse>(responseStream, context.CancellationToken), context);

    private sealed class HeldWriter<T>(IServerStreamWriter<T> inner, CancellationToken aborted) : IServerStreamWriter<T>
    {
        public WriteOptions? WriteOptions
        {
            get => inner.WriteOptions;
            set => inner.WriteOptions = value;
        }

        public async Task WriteAsync(T message)
        {
            await inner.WriteAsync(message).ConfigureAwait(false);
            try
            {
                await Task.Delay(MostWait, aborted).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // The client has gone: exactly the state this interceptor waits for.
            }
        }
    }
}

using Grpc.Core;
using Grpc.Core.Interceptors;

namespace KetCds.Server.Tests.Infrastructure;

/// <summary>
/// Fault injection: a streaming service's first read fails with a server bug while its client is still waiting. The
/// failure is thrown inside the service, so every interceptor of the server sees it, wherever this one is registered.
/// </summary>
internal sealed class FailingStreams : Interceptor
{
    /// <summary>The message of the injected failure, for a test's expected-error filter.</summary>
    public const string Message = "injected server fault";

    public override Task DuplexStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream,
        IServerStreamWriter<TResponse> responseStream,
        ServerCallContext context,
        DuplexStreamingServerMethod<TRequest, TResponse> continuation) =>
        continuation(new FailingReader<TRequest>(), responseStream, context);

    private sealed class FailingReader<T> : IAsyncStreamReader<T>
    {
        public T Current => throw new InvalidOperationException(Message);

        public Task<bool> MoveNext(CancellationToken cancellationToken) => Task.FromException<bool>(new InvalidOperationException(Message));
    }
}

using Google.Protobuf;

namespace KetCds.Protocol.Internal.Calls;

/// <summary>Request and response message streams flowing at the same time.</summary>
internal sealed class DuplexStreamingCallHandler<TRequest, TResponse>(
    GrpcRuntime runtime,
    string method,
    MessageParser<TRequest> parser,
    Func<IAsyncEnumerable<TRequest>, IGrpcStreamWriter<TResponse>, GrpcCallContext, Task> handler)
    : GrpcCallHandler(runtime, method, capDeadline: true)
    where TRequest : IMessage<TRequest>
    where TResponse : IMessage<TResponse>
{
    protected override async Task RunAsync(GrpcCallContext call)
    {
        var options = Runtime.Options;
        var requests = GrpcRequestStream.ReadAllAsync(call, parser, options.MaxReceiveMessageSize);
        var writer = new GrpcStreamWriter<TResponse>(call, options.MaxSendMessageSize);
        try
        {
            await handler(requests, writer, call).ConfigureAwait(false);
        }
        finally
        {
            writer.Complete();
        }
    }
}

using System.IO.Pipelines;
using Google.Protobuf;

namespace KetCds.Protocol.Internal.Calls;

/// <summary>Request and response message streams flowing at the same time.</summary>
internal sealed class DuplexStreamingCallHandler<TRequest, TResult>(
    GrpcRuntime runtime,
    string method,
    MessageParser<TRequest> parser,
    Func<IAsyncEnumerable<TRequest>, IGrpcStreamWriter<TResult>, GrpcCallContext, Task> handler,
    Action<PipeWriter, TResult, int> write)
    : GrpcCallHandler(runtime, method, capDeadline: true)
    where TRequest : IMessage<TRequest>
{
    protected override async Task RunAsync(GrpcCallContext call)
    {
        var options = Runtime.Options;
        var requests = GrpcRequestStream.ReadAllAsync(call, parser, options.MaxReceiveMessageSize);
        var writer = new GrpcStreamWriter<TResult>(call, options.MaxSendMessageSize, write);
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

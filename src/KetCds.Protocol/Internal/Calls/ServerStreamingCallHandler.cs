using System.IO.Pipelines;
using Google.Protobuf;

namespace KetCds.Protocol.Internal.Calls;

/// <summary>One request message in, a stream of response messages out.</summary>
internal sealed class ServerStreamingCallHandler<TRequest, TResult>(
    GrpcRuntime runtime,
    string method,
    bool capDeadline,
    MessageParser<TRequest> parser,
    Func<TRequest, IGrpcStreamWriter<TResult>, GrpcCallContext, Task> handler,
    Action<PipeWriter, TResult, int> write)
    : GrpcCallHandler(runtime, method, capDeadline)
    where TRequest : IMessage<TRequest>
{
    protected override async Task RunAsync(GrpcCallContext call)
    {
        var options = Runtime.Options;
        var request = await GrpcRequestStream.ReadSingleAsync(call, parser, options.MaxReceiveMessageSize).ConfigureAwait(false);
        var writer = new GrpcStreamWriter<TResult>(call, options.MaxSendMessageSize, write);
        try
        {
            await handler(request, writer, call).ConfigureAwait(false);
        }
        finally
        {
            writer.Complete();
        }
    }
}

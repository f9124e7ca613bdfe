using Google.Protobuf;

namespace KetCds.Protocol.Internal.Calls;

/// <summary>One request message in, a stream of response messages out.</summary>
internal sealed class ServerStreamingCallHandler<TRequest, TResponse>(
    GrpcRuntime runtime,
    string method,
    bool capDeadline,
    MessageParser<TRequest> parser,
    Func<TRequest, IGrpcStreamWriter<TResponse>, GrpcCallContext, Task> handler)
    : GrpcCallHandler(runtime, method, capDeadline)
    where TRequest : IMessage<TRequest>
    where TResponse : IMessage<TResponse>
{
    protected override async Task RunAsync(GrpcCallContext call)
    {
        var options = Runtime.Options;
        var request = await GrpcRequestStream.ReadSingleAsync(call, parser, options.MaxReceiveMessageSize).ConfigureAwait(false);
        var writer = new GrpcStreamWriter<TResponse>(call, options.MaxSendMessageSize);
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

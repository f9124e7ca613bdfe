using Google.Protobuf;
using KetCds.Protocol.Internal.Framing;

namespace KetCds.Protocol.Internal.Calls;

/// <summary>A stream of request messages in, one response message out.</summary>
internal sealed class ClientStreamingCallHandler<TRequest, TResponse>(
    GrpcRuntime runtime,
    string method,
    MessageParser<TRequest> parser,
    Func<IAsyncEnumerable<TRequest>, GrpcCallContext, Task<TResponse>> handler)
    : GrpcCallHandler(runtime, method, capDeadline: true)
    where TRequest : IMessage<TRequest>
    where TResponse : IMessage<TResponse>
{
    protected override async Task RunAsync(GrpcCallContext call)
    {
        var options = Runtime.Options;
        var requests = GrpcRequestStream.ReadAllAsync(call, parser, options.MaxReceiveMessageSize);
        var response = await handler(requests, call).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"Handler of {Method} returned a null response.");
        call.CancellationToken.ThrowIfCancellationRequested();
        GrpcMessageWriter.Write(call.HttpContext.Response.BodyWriter, response, options.MaxSendMessageSize);
        call.MessageWritten = true;
    }
}

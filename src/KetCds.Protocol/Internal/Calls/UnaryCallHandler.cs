using Google.Protobuf;
using KetCds.Protocol.Internal.Framing;

namespace KetCds.Protocol.Internal.Calls;

/// <summary>One request message in, one response message out.</summary>
internal sealed class UnaryCallHandler<TRequest, TResponse>(
    GrpcRuntime runtime,
    string method,
    MessageParser<TRequest> parser,
    Func<TRequest, GrpcCallContext, Task<TResponse>> handler)
    : GrpcCallHandler(runtime, method, capDeadline: true)
    where TRequest : IMessage<TRequest>
    where TResponse : IMessage<TResponse>
{
    protected override async Task RunAsync(GrpcCallContext call)
    {
        var options = Runtime.Options;
        var request = await GrpcRequestStream.ReadSingleAsync(call, parser, options.MaxReceiveMessageSize).ConfigureAwait(false);
        var response = await handler(request, call).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"Handler of {Method} returned a null response.");
        call.CancellationToken.ThrowIfCancellationRequested();
        GrpcMessageWriter.Write(call.HttpContext.Response.BodyWriter, response, options.MaxSendMessageSize);
        call.MessageWritten = true;
    }
}

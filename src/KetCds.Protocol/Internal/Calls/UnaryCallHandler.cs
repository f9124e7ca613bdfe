using System.IO.Pipelines;
using Google.Protobuf;

namespace KetCds.Protocol.Internal.Calls;

/// <summary>
/// One request message in, one response out. <typeparamref name="TResult"/> is the response message or an
/// <see cref="EncodedMessage{T}"/> of it; <c>write</c> frames whichever it is.
/// </summary>
internal sealed class UnaryCallHandler<TRequest, TResult>(
    GrpcRuntime runtime,
    string method,
    MessageParser<TRequest> parser,
    Func<TRequest, GrpcCallContext, Task<TResult>> handler,
    Action<PipeWriter, TResult, int> write)
    : GrpcCallHandler(runtime, method, capDeadline: true)
    where TRequest : IMessage<TRequest>
{
    protected override async Task RunAsync(GrpcCallContext call)
    {
        var options = Runtime.Options;
        var request = await GrpcRequestStream.ReadSingleAsync(call, parser, options.MaxReceiveMessageSize).ConfigureAwait(false);
        var response = await handler(request, call).ConfigureAwait(false);
        if (response is null)
        {
            throw new InvalidOperationException($"Handler of {Method} returned a null response.");
        }

        call.CancellationToken.ThrowIfCancellationRequested();
        write(call.HttpContext.Response.BodyWriter, response, options.MaxSendMessageSize);
        call.MessageWritten = true;
    }
}

using Google.Protobuf;
using KetCds.Protocol.Internal.Framing;

namespace KetCds.Protocol.Internal.Calls;

/// <summary>Frames and flushes each response message of a streaming call as it is written.</summary>
internal sealed class GrpcStreamWriter<T>(GrpcCallContext call, int maxSendSize) : IGrpcStreamWriter<T>
    where T : IMessage<T>
{
    private int _writing;
    private bool _completed;

    public async Task WriteAsync(T message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (_completed)
        {
            throw new InvalidOperationException("The call has completed; no more response messages can be written.");
        }

        if (Interlocked.Exchange(ref _writing, 1) == 1)
        {
            throw new InvalidOperationException("A previous response write is still in progress; await it before writing again.");
        }

        try
        {
            call.CancellationToken.ThrowIfCancellationRequested();
            var writer = call.HttpContext.Response.BodyWriter;
            GrpcMessageWriter.Write(writer, message, maxSendSize);
            call.MessageWritten = true;
            var token = cancellationToken.CanBeCanceled ? cancellationToken : call.CancellationToken;
            await writer.FlushAsync(token).ConfigureAwait(false);
        }
        finally
        {
            Volatile.Write(ref _writing, 0);
        }
    }

    public void Complete() => _completed = true;
}

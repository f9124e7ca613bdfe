using System.IO.Pipelines;

namespace KetCds.Protocol.Internal.Calls;

/// <summary>
/// Frames and flushes each response of a streaming call as it is written. <typeparamref name="T"/> is the response
/// message or an <see cref="EncodedMessage{T}"/> of it; <c>write</c> frames whichever it is.
/// </summary>
internal sealed class GrpcStreamWriter<T>(GrpcCallContext call, int maxSendSize, Action<PipeWriter, T, int> write) : IGrpcStreamWriter<T>
{
    private int _writing;
    private bool _completed;

    public async Task WriteAsync(T message, CancellationToken cancellationToken = default)
    {
        if (message is null)
        {
            throw new ArgumentNullException(nameof(message));
        }

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
            write(writer, message, maxSendSize);
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

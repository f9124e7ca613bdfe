using System.Net;
using System.Net.Http.Headers;
using KetCds.Client.Internal.Framing;
using KetCds.Client.Internal.Http;

namespace KetCds.Client.Internal.Calls;

/// <summary>Request body of a streaming call: frames and flushes each message as the caller's sequence produces it.</summary>
internal sealed class StreamingRequestContent<T>(
    IAsyncEnumerable<T> messages,
    Func<T, byte[]> serialize,
    bool compress,
    CancellationToken callToken) : HttpContent
    where T : class
{
    private Exception? _producerFault;

    /// <summary>Set when the caller's sequence threw (or yielded null); the call then fails with this exception.</summary>
    public Exception? ProducerFault => Volatile.Read(ref _producerFault);

    /// <summary>Marks the body as gRPC; called once before sending.</summary>
    public void SetGrpcContentType() => Headers.ContentType = new MediaTypeHeaderValue(GrpcHeaders.ContentType);

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(callToken, cancellationToken);
        var enumerator = messages.GetAsyncEnumerator(linked.Token);
        await using (enumerator.ConfigureAwait(false))
        {
            var index = 0;
            while (true)
            {
                byte[] framed;
                try
                {
                    if (!await enumerator.MoveNextAsync().ConfigureAwait(false))
                    {
                        return;
                    }

                    var message = enumerator.Current
                        ?? throw new ArgumentException($"The request sequence yielded null at position {index}.", nameof(messages));
                    framed = MessageFramer.Frame(serialize(message), compress);
                }
                catch (Exception exception) when (exception is not OperationCanceledException || !linked.IsCancellationRequested)
                {
                    Volatile.Write(ref _producerFault, exception);
                    throw;
                }

                // Flushing per message is what makes the call a real stream: the server sees each item as it is produced.
                await stream.WriteAsync(framed, linked.Token).ConfigureAwait(false);
                await stream.FlushAsync(linked.Token).ConfigureAwait(false);
                index++;
            }
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = -1;
        return false;
    }
}

namespace KetCds.Protocol;

/// <summary>Writes response messages of a streaming call; each message is flushed to the client as it is written.</summary>
/// <typeparam name="T">The response message type.</typeparam>
public interface IGrpcStreamWriter<in T>
{
    /// <summary>Sends one message; do not start a write before the previous one has completed.</summary>
    Task WriteAsync(T message, CancellationToken cancellationToken = default);
}

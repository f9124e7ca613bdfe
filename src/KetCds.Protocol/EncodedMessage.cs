using Google.Protobuf;

namespace KetCds.Protocol;

/// <summary>
/// A <typeparamref name="T"/> already in protobuf wire format, for handlers that can encode their response faster than
/// its generated code (for example by reusing encodings of parts shared between responses). Written as it is.
/// </summary>
/// <typeparam name="T">The message type the bytes encode; it ties the handler to its method's descriptor.</typeparam>
public readonly struct EncodedMessage<T> : IEquatable<EncodedMessage<T>>
    where T : IMessage<T>
{
    /// <summary>Wraps the encoded bytes of one <typeparamref name="T"/> (no gRPC length prefix).</summary>
    public EncodedMessage(ReadOnlyMemory<byte> bytes) => Bytes = bytes;

    /// <summary>The message in protobuf wire format.</summary>
    public ReadOnlyMemory<byte> Bytes { get; }

    /// <summary>Encodes <paramref name="message"/> with its generated code: for answers cached once and served many times.</summary>
    public static EncodedMessage<T> From(T message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return new EncodedMessage<T>(message.ToByteArray());
    }

    /// <summary>Same bytes (by reference: two encodings of one message need not share a buffer).</summary>
    public bool Equals(EncodedMessage<T> other) => Bytes.Equals(other.Bytes);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is EncodedMessage<T> other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => Bytes.GetHashCode();

    /// <summary>Same bytes, by reference.</summary>
    public static bool operator ==(EncodedMessage<T> left, EncodedMessage<T> right) => left.Equals(right);

    /// <summary>Different bytes, by reference.</summary>
    public static bool operator !=(EncodedMessage<T> left, EncodedMessage<T> right) => !left.Equals(right);
}

using System.Buffers.Binary;
using KetCds.Client.Internal.Http;

namespace KetCds.Client.Internal.Framing;

/// <summary>Reads Length-Prefixed-Messages one at a time from a response body as they arrive.</summary>
internal sealed class MessageReader(Stream stream, int maxMessageSize, string? messageEncoding)
{
    private readonly byte[] _header = new byte[MessageFramer.HeaderSize];

    /// <summary>The next message's (decompressed) payload, or null at the end of the body.</summary>
    public async ValueTask<byte[]?> ReadAsync(CancellationToken cancellationToken)
    {
        var read = await stream.ReadAtLeastAsync(_header, _header.Length, throwOnEndOfStream: false, cancellationToken)
            .ConfigureAwait(false);
        if (read == 0)
        {
            return null;
        }

        if (read < _header.Length)
        {
            throw Internal($"The response body ended inside a message header ({read} of {_header.Length} bytes).");
        }

        var compressed = _header[0] switch
        {
            0 => false,
            1 => true,
            var flag => throw Internal($"Invalid compressed flag {flag} in a response message header."),
        };

        var length = BinaryPrimitives.ReadUInt32BigEndian(_header.AsSpan(1));
        if (length > (uint)maxMessageSize)
        {
            throw new DecisionSupportException(
                StatusCode.ResourceExhausted,
                $"Received message of {length} bytes exceeds the limit of {maxMessageSize} bytes (MaxReceiveMessageSize).");
        }

        var payload = new byte[length];
        read = length == 0 ? 0 : await stream.ReadAtLeastAsync(payload, payload.Length, throwOnEndOfStream: false, cancellationToken)
            .ConfigureAwait(false);
        if (read < payload.Length)
        {
            throw Internal($"The response body ended inside a message ({read} of {length} bytes).");
        }

        if (!compressed)
        {
            return payload;
        }

        if (!string.Equals(messageEncoding, GrpcHeaders.Gzip, StringComparison.OrdinalIgnoreCase))
        {
            throw Internal($"Received a compressed message with grpc-encoding '{messageEncoding ?? "(none)"}'; only gzip is supported.");
        }

        return GzipCodec.Decompress(payload, maxMessageSize);
    }

    private static DecisionSupportException Internal(string detail) => new(StatusCode.Internal, detail);
}

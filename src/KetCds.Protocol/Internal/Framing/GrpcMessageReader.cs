using System.Buffers;
using System.Buffers.Binary;
using System.IO.Pipelines;
using Google.Protobuf;

namespace KetCds.Protocol.Internal.Framing;

/// <summary>Reads length-prefixed gRPC messages (1-byte compressed flag, 4-byte big-endian length) from the request body.</summary>
internal static class GrpcMessageReader
{
    private const int PrefixLength = 5;

    /// <summary>Reads the next message, or returns null at a clean end of the request stream.</summary>
    public static async ValueTask<T?> ReadAsync<T>(PipeReader reader, GrpcCallContext call, MessageParser<T> parser, int maxSize)
        where T : IMessage<T>
    {
        while (true)
        {
            var result = await reader.ReadAsync(call.CancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            if (TryReadFrame(buffer, call, parser, maxSize, out var message, out var consumed))
            {
                reader.AdvanceTo(consumed);
                return message;
            }

            if (result.IsCompleted || result.IsCanceled)
            {
                var leftover = buffer.Length;
                reader.AdvanceTo(buffer.End);
                if (leftover != 0)
                {
                    throw new GrpcException(GrpcStatusCode.Internal, "Request stream ended in the middle of a message.");
                }

                return default;
            }

            reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    /// <summary>Confirms the request stream holds nothing after the single message a unary or server-streaming call takes.</summary>
    public static async ValueTask ReadEndAsync(PipeReader reader, CancellationToken cancellationToken)
    {
        while (true)
        {
            var result = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            var length = result.Buffer.Length;
            reader.AdvanceTo(result.Buffer.End);
            if (length != 0)
            {
                throw new GrpcException(GrpcStatusCode.Internal, "More than one request message was sent to a method that takes one.");
            }

            if (result.IsCompleted || result.IsCanceled)
            {
                return;
            }
        }
    }

    private static bool TryReadFrame<T>(
        ReadOnlySequence<byte> buffer,
        GrpcCallContext call,
        MessageParser<T> parser,
        int maxSize,
        out T? message,
        out SequencePosition consumed)
        where T : IMessage<T>
    {
        message = default;
        consumed = buffer.Start;
        if (buffer.Length < PrefixLength)
        {
            return false;
        }

        Span<byte> prefix = stackalloc byte[PrefixLength];
        buffer.Slice(0, PrefixLength).CopyTo(prefix);
        var compressed = prefix[0];
        var length = BinaryPrimitives.ReadUInt32BigEndian(prefix[1..]);
        if (compressed > 1)
        {
            throw new GrpcException(GrpcStatusCode.Internal, $"Invalid compressed flag {compressed} in message prefix.");
        }

        // Checked on the prefix alone so an oversized message is refused before any of it is buffered.
        if (length > (uint)maxSize)
        {
            throw new GrpcException(
                GrpcStatusCode.ResourceExhausted,
                $"Request message of {length} bytes is larger than the limit of {maxSize} bytes.");
        }

        if (buffer.Length < PrefixLength + length)
        {
            return false;
        }

        var payload = buffer.Slice(PrefixLength, length);
        consumed = payload.End;
        message = compressed == 1 ? ParseCompressed(payload, call, parser, maxSize) : Parse(parser, payload);
        return true;
    }

    private static T ParseCompressed<T>(ReadOnlySequence<byte> payload, GrpcCallContext call, MessageParser<T> parser, int maxSize)
        where T : IMessage<T>
    {
        if (!call.RequestIsGzip)
        {
            throw new GrpcException(
                GrpcStatusCode.Internal,
                "Request message has the compressed flag set but no grpc-encoding was negotiated.");
        }

        return Parse(parser, new ReadOnlySequence<byte>(GzipDecompressor.Decompress(payload, maxSize)));
    }

    private static T Parse<T>(MessageParser<T> parser, ReadOnlySequence<byte> payload)
        where T : IMessage<T>
    {
        try
        {
            return parser.ParseFrom(payload);
        }
        catch (InvalidProtocolBufferException)
        {
            throw new GrpcException(GrpcStatusCode.Internal, $"Request message is not a valid {typeof(T).Name}.");
        }
    }
}

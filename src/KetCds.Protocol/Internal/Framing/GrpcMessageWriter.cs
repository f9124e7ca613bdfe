using System.Buffers;
using System.Buffers.Binary;
using System.IO.Pipelines;
using Google.Protobuf;

namespace KetCds.Protocol.Internal.Framing;

/// <summary>Writes one length-prefixed, uncompressed gRPC message to the response body.</summary>
internal static class GrpcMessageWriter
{
    private const int PrefixLength = 5;
    private const int SingleSpanLimit = 4096;

    public static void Write(PipeWriter writer, IMessage message, int maxSize)
    {
        var size = message.CalculateSize();
        CheckSize(size, maxSize);
        if (size <= SingleSpanLimit)
        {
            var span = writer.GetSpan(PrefixLength + size);
            WritePrefix(span, size);
            message.WriteTo(span.Slice(PrefixLength, size));
            writer.Advance(PrefixLength + size);
            return;
        }

        WritePrefix(writer.GetSpan(PrefixLength), size);
        writer.Advance(PrefixLength);
        message.WriteTo(writer);
    }

    public static void Write(PipeWriter writer, ReadOnlySpan<byte> encoded, int maxSize)
    {
        CheckSize(encoded.Length, maxSize);
        WritePrefix(writer.GetSpan(PrefixLength), encoded.Length);
        writer.Advance(PrefixLength);
        writer.Write(encoded);
    }

    private static void CheckSize(int size, int maxSize)
    {
        if (size > maxSize)
        {
            throw new GrpcException(
                GrpcStatusCode.ResourceExhausted,
                $"Response message of {size} bytes is larger than the limit of {maxSize} bytes.");
        }
    }

    private static void WritePrefix(Span<byte> span, int size)
    {
        span[0] = 0;
        BinaryPrimitives.WriteUInt32BigEndian(span[1..], (uint)size);
    }
}

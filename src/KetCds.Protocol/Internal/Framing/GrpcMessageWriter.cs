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
        if (size > maxSize)
        {
            throw new GrpcException(
                GrpcStatusCode.ResourceExhausted,
                $"Response message of {size} bytes is larger than the limit of {maxSize} bytes.");
        }

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

    private static void WritePrefix(Span<byte> span, int size)
    {
        span[0] = 0;
        BinaryPrimitives.WriteUInt32BigEndian(span[1..], (uint)size);
    }
}

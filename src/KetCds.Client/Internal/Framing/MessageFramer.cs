using System.Buffers.Binary;

namespace KetCds.Client.Internal.Framing;

/// <summary>Writes gRPC Length-Prefixed-Messages: a compressed flag, a 4-byte big-endian length, the payload.</summary>
internal static class MessageFramer
{
    public const int HeaderSize = 5;

    public static byte[] Frame(ReadOnlySpan<byte> message, bool compress)
    {
        var payload = compress ? GzipCodec.Compress(message) : message;
        var framed = new byte[HeaderSize + payload.Length];
        framed[0] = compress ? (byte)1 : (byte)0;
        BinaryPrimitives.WriteUInt32BigEndian(framed.AsSpan(1, 4), (uint)payload.Length);
        payload.CopyTo(framed.AsSpan(HeaderSize));
        return framed;
    }
}

using System.Buffers;
using System.Collections.Immutable;
using System.Security.Cryptography;
using Google.Protobuf;

namespace KetCds.Server.Internal.Auditing;

/// <summary>SHA-256 of a message's protobuf encoding, encoded into a pooled buffer rather than a fresh array per call.</summary>
internal static class MessageDigest
{
    /// <summary>The hash of <paramref name="message"/>'s encoding; of no bytes when there is no message.</summary>
    public static ImmutableArray<byte> Sha256(IMessage? message)
    {
        var size = message?.CalculateSize() ?? 0;
        var buffer = ArrayPool<byte>.Shared.Rent(size);
        try
        {
            var encoded = buffer.AsSpan(0, size);
            message?.WriteTo(encoded);
            return ImmutableArray.Create(SHA256.HashData(encoded));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>The hash of bytes already encoded.</summary>
    public static ImmutableArray<byte> Sha256(byte[] encoded) => ImmutableArray.Create(SHA256.HashData(encoded));
}

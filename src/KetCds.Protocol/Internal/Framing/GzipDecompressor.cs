using System.Buffers;
using System.IO.Compression;

namespace KetCds.Protocol.Internal.Framing;

/// <summary>Inflates a gzip-compressed message, refusing output larger than the receive limit.</summary>
internal static class GzipDecompressor
{
    public static byte[] Decompress(ReadOnlySequence<byte> compressed, int maxSize)
    {
        using var gzip = new GZipStream(new ReadOnlySequenceStream(compressed), CompressionMode.Decompress);
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Min(maxSize, 64 * 1024) + 1);
        try
        {
            var length = 0;
            while (true)
            {
                if (length == buffer.Length)
                {
                    if (length > maxSize)
                    {
                        throw TooLarge(maxSize);
                    }

                    var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min((long)buffer.Length * 2, (long)maxSize + 1));
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                var read = gzip.Read(buffer, length, buffer.Length - length);
                if (read == 0)
                {
                    break;
                }

                length += read;
                if (length > maxSize)
                {
                    throw TooLarge(maxSize);
                }
            }

            return buffer.AsSpan(0, length).ToArray();
        }
        catch (InvalidDataException)
        {
            throw new GrpcException(GrpcStatusCode.Internal, "Request message is not valid gzip data.");
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static GrpcException TooLarge(int maxSize) => new(
        GrpcStatusCode.ResourceExhausted,
        $"Decompressed request message is larger than the limit of {maxSize} bytes.");
}

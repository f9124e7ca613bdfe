using System.IO.Compression;

namespace KetCds.Client.Internal.Framing;

/// <summary>gzip for individual gRPC messages (the <c>gzip</c> message encoding).</summary>
internal static class GzipCodec
{
    public static byte[] Compress(ReadOnlySpan<byte> message)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(message);
        }

        return output.ToArray();
    }

    /// <summary>Inflates <paramref name="compressed"/>, failing with RESOURCE_EXHAUSTED once it grows past <paramref name="maxSize"/>.</summary>
    public static byte[] Decompress(byte[] compressed, int maxSize)
    {
        using var input = new MemoryStream(compressed, writable: false);
        using var gzip = new GZipStream(input, CompressionMode.Decompress);
        using var output = new MemoryStream();
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = gzip.Read(buffer, 0, buffer.Length)) > 0)
        {
            // Checked while inflating so a small "zip bomb" cannot allocate far beyond the limit.
            if (output.Length + read > maxSize)
            {
                throw new DecisionSupportException(
                    StatusCode.ResourceExhausted,
                    $"Received message decompresses to more than the limit of {maxSize} bytes (MaxReceiveMessageSize).");
            }

            output.Write(buffer, 0, read);
        }

        return output.ToArray();
    }
}

using System.Buffers;
using Microsoft.AspNetCore.Http;

namespace KetCds.CdsHooks.Internal.Http;

/// <summary>Reads a request body up to a limit, so an oversized bundle is refused with a clear answer, not buffered whole.</summary>
internal static class BodyReader
{
    private const int ChunkBytes = 16 * 1024;

    /// <summary>The body in a pooled array (dispose it once the call is answered), or null when it is larger than
    /// <paramref name="limit"/> bytes.</summary>
    public static async Task<PooledBody?> ReadAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        var declared = request.ContentLength;
        if (declared > limit)
        {
            return null;
        }

        // The usual case (an EHR sends Content-Length): one array of at least the declared length, filled in place; Kestrel
        // ends the body at the declared length, so reading stops there. Without a length the array grows by doubling.
        var array = ArrayPool<byte>.Shared.Rent(declared is > 0 ? (int)declared.Value : ChunkBytes);
        var capacity = Math.Min(array.Length, limit);
        var filled = 0;
        try
        {
            while (filled != declared)
            {
                if (filled == capacity)
                {
                    if (filled == limit)
                    {
                        // Full at the limit: one more byte means too large.
                        if (await request.Body.ReadAsync(new byte[1], cancellationToken).ConfigureAwait(false) == 0)
                        {
                            break;
                        }

                        ArrayPool<byte>.Shared.Return(array);
                        return null;
                    }

                    var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min(array.Length * 2L, limit));
                    array.AsSpan(0, filled).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(array);
                    array = larger;
                    capacity = Math.Min(array.Length, limit);
                }

                var got = await request.Body.ReadAsync(array.AsMemory(filled, capacity - filled), cancellationToken).ConfigureAwait(false);
                if (got == 0)
                {
                    break;
                }

                filled += got;
            }
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(array);
            throw;
        }

        return new PooledBody(array, filled);
    }
}

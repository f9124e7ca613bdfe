using System.Buffers;

namespace KetCds.CdsHooks.Internal.Http;

/// <summary>
/// A request body in an array rented from the shared pool; disposing returns the array. A full prefetch is tens of KB
/// and a large one up to the 4 MiB limit: past 85 KB a fresh array per call would land on the large-object heap, whose
/// budget is only reclaimed by full (gen2) collections, the longest pauses a hook call can meet.
/// </summary>
internal sealed class PooledBody : IDisposable
{
    private byte[]? _array;

    public PooledBody(byte[] array, int length)
    {
        _array = array;
        Length = length;
    }

    /// <summary>The number of body bytes at the start of the array.</summary>
    public int Length { get; }

    /// <summary>The body; valid until disposed. Nothing read from it may keep a reference to these bytes.</summary>
    public ReadOnlyMemory<byte> Memory => (_array ?? throw new ObjectDisposedException(nameof(PooledBody))).AsMemory(0, Length);

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _array, null) is { } array)
        {
            ArrayPool<byte>.Shared.Return(array);
        }
    }
}

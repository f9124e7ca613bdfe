using System.Buffers;

namespace KetCds.Clinical.Tests.Internal.Encoding;

/// <summary>
/// A buffer writer that hands out spans of at most a few bytes beyond what is asked for, as a transport's segmented pipe
/// does at segment ends, so a writer that assumes one contiguous span is caught.
/// </summary>
internal sealed class SmallSpanBufferWriter(int maxSpan) : IBufferWriter<byte>
{
    private readonly ArrayBufferWriter<byte> _inner = new();

    public byte[] Written => _inner.WrittenSpan.ToArray();

    public void Advance(int count) => _inner.Advance(count);

    public Memory<byte> GetMemory(int sizeHint = 0) => _inner.GetMemory(Math.Max(sizeHint, maxSpan))[..Math.Max(sizeHint, maxSpan)];

    public Span<byte> GetSpan(int sizeHint = 0) => _inner.GetSpan(Math.Max(sizeHint, maxSpan))[..Math.Max(sizeHint, maxSpan)];
}

using System.IO.Pipelines;

namespace KetCds.Server.Internal.FlowControl;

/// <summary>The response body writer of one call, counting the bytes the call wrote.</summary>
internal sealed class CountingResponseWriter(PipeWriter inner) : PipeWriter
{
    /// <summary>Bytes written so far.</summary>
    public long Written { get; private set; }

    /// <summary>Whether the call completed the writer (nothing more may be flushed through it).</summary>
    public bool IsCompleted { get; private set; }

    /// <summary>Records that the response was completed around this writer (through the body feature).</summary>
    public void MarkCompleted() => IsCompleted = true;

    public override bool CanGetUnflushedBytes => inner.CanGetUnflushedBytes;

    public override long UnflushedBytes => inner.UnflushedBytes;

    public override void Advance(int bytes)
    {
        Written += bytes;
        inner.Advance(bytes);
    }

    public override Memory<byte> GetMemory(int sizeHint = 0) => inner.GetMemory(sizeHint);

    public override Span<byte> GetSpan(int sizeHint = 0) => inner.GetSpan(sizeHint);

    public override void CancelPendingFlush() => inner.CancelPendingFlush();

    public override void Complete(Exception? exception = null)
    {
        IsCompleted = true;
        inner.Complete(exception);
    }

    public override ValueTask CompleteAsync(Exception? exception = null)
    {
        IsCompleted = true;
        return inner.CompleteAsync(exception);
    }

    public override ValueTask<FlushResult> FlushAsync(CancellationToken cancellationToken = default) => inner.FlushAsync(cancellationToken);

    public override ValueTask<FlushResult> WriteAsync(ReadOnlyMemory<byte> source, CancellationToken cancellationToken = default)
    {
        Written += source.Length;
        return inner.WriteAsync(source, cancellationToken);
    }
}

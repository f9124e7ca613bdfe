using Microsoft.AspNetCore.Http;

namespace KetCds.Server.Internal.FlowControl;

/// <summary>
/// A call whose handler has returned while its response has not yet reached the client. Reset and completion race (the
/// sweeper on one thread, Kestrel's completion on another), so both go through one lock, and a context that Kestrel has
/// completed is never touched again.
/// </summary>
internal sealed class UnsentResponse(HttpContext context, long bytes, long since)
{
    private readonly Lock _lock = new();
    private bool _done;

    public string ConnectionId { get; } = context.Connection.Id;

    public long Bytes => bytes;

    /// <summary>When the handler returned (a <see cref="TimeProvider"/> timestamp).</summary>
    public long Since => since;

    /// <summary>Marks the response sent (or its stream reset); false if it already was.</summary>
    public bool Complete()
    {
        lock (_lock)
        {
            var first = !_done;
            _done = true;
            return first;
        }
    }

    /// <summary>Resets the stream unless the response completed first; returns whether it did reset it.</summary>
    public bool Reset(Action<HttpContext> log)
    {
        lock (_lock)
        {
            if (_done)
            {
                return false;
            }

            log(context);
            context.Abort();
            return true;
        }
    }
}

using System.Threading.RateLimiting;
using KetCds.Server.Internal.Configuration;

namespace KetCds.Server.Internal.Calls;

/// <summary>
/// The server-wide bound on decision-support calls served at once (<c>KetCds:Limits:MaxConcurrentCalls</c>, with
/// <c>QueueLimit</c> waiting, first come first served), as a System.Threading.RateLimiting concurrency limiter.
/// </summary>
internal sealed class ConcurrentCallLimit(LimitOptions limits) : IDisposable
{
    /// <summary>The status message of a call refused because the server serves as many calls as it may and its queue is full.</summary>
    public const string AtLimitMessage = "the server is at its concurrent-call limit";

    private readonly ConcurrencyLimiter? _limiter = limits.MaxConcurrentCalls == 0
        ? null
        : new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = limits.MaxConcurrentCalls,
            QueueLimit = limits.QueueLimit,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });

    /// <summary>Waits for a slot; the lease is not acquired when the queue is full. Null when the limit is off.</summary>
    public ValueTask<RateLimitLease>? AcquireAsync(CancellationToken cancellationToken) => _limiter?.AcquireAsync(1, cancellationToken);

    public void Dispose() => _limiter?.Dispose();
}

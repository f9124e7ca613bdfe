using System.Collections.Concurrent;
using System.Threading.RateLimiting;

namespace KetCds.Server.Internal.FlowControl;

/// <summary>
/// Bounds the answers the server holds at once, from the moment a unary call is admitted until its last byte has left.
/// A client that keeps its flow-control window closed makes each of its answers wait in memory, and each costs evaluation
/// time that readers need. So a call waits, without a thread, until its answer fits the budget of its connection and the
/// budget of the server; it is never refused for it, so a client over its share gets no error to retry in a loop, only
/// answers as fast as it reads them. A connection holding nothing skips the server-wide wait, so a client that reads is
/// answered at once whatever others hold. Room in the server's budget goes only to connections known to read (one of
/// their answers has reached the client): a connection that has never taken an answer gets its first and no more, so a
/// flood of connections that never read costs one evaluation each. The budgets are counted in KiB permits of System.Threading.RateLimiting's
/// concurrency limiters (one per connection, one for the server; both first-come, first-served). The size of an answer
/// is not known before it is made: it is estimated as the largest answer seen of its kind (method and detail level).
/// </summary>
internal sealed class AnswerBudget : IDisposable
{
    /// <summary>The estimate for a kind of answer not seen yet.</summary>
    public const long FirstEstimateBytes = 64 * 1024;

    private readonly int _connectionKiB;
    private readonly int _serverKiB;
    private readonly PartitionedRateLimiter<string> _byConnection;
    private readonly ConcurrencyLimiter _server;
    private readonly ConcurrentDictionary<string, long> _largestByKind = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _heldByConnection = new(StringComparer.Ordinal);

    private readonly OpenConnections _connections;

    public AnswerBudget(StalledResponseSettings settings, OpenConnections connections)
    {
        _connections = connections;
        _connectionKiB = Math.Max(1, KiB(settings.ConnectionBudgetBytes));
        _serverKiB = Math.Max(1, KiB(settings.BudgetBytes));
        _byConnection = PartitionedRateLimiter.Create<string, string>(connection => RateLimitPartition.GetConcurrencyLimiter(
            connection,
            _ => new ConcurrencyLimiterOptions { PermitLimit = _connectionKiB, QueueLimit = int.MaxValue, QueueProcessingOrder = QueueProcessingOrder.OldestFirst }));
        _server = new ConcurrencyLimiter(new ConcurrencyLimiterOptions { PermitLimit = _serverKiB, QueueLimit = int.MaxValue, QueueProcessingOrder = QueueProcessingOrder.OldestFirst });
    }

    /// <summary>KiB held by admitted answers over every connection, apart from each connection's first.</summary>
    public long HeldKiB => _serverKiB - (_server.GetStatistics()?.CurrentAvailablePermits ?? _serverKiB);

    /// <summary>The bytes an answer of <paramref name="kind"/> is expected to take.</summary>
    public long Estimate(string kind) => _largestByKind.TryGetValue(kind, out var largest) ? largest : FirstEstimateBytes;

    /// <summary>Learns the real size of an answer of <paramref name="kind"/> (later estimates are the largest seen).</summary>
    public void Observe(string kind, long bytes) => _largestByKind.AddOrUpdate(kind, bytes, (_, largest) => Math.Max(largest, bytes));

    /// <summary>Waits until an answer of <paramref name="kind"/> fits on the connection and on the server.</summary>
    /// <exception cref="OperationCanceledException">The call ended (deadline, cancellation, connection closed) while waiting.</exception>
    public async ValueTask<AnswerReservation> ReserveAsync(string connectionId, string kind, CancellationToken cancellationToken)
    {
        var kib = Math.Clamp(KiB(Estimate(kind)), 1, _connectionKiB);
        var onConnection = Acquired(await _byConnection.AcquireAsync(connectionId, kib, cancellationToken).ConfigureAwait(false));
        var first = _heldByConnection.AddOrUpdate(connectionId, 1, static (_, held) => held + 1) == 1;
        var reservation = new AnswerReservation(this, connectionId, kind, onConnection);
        if (first)
        {
            return reservation;
        }

        try
        {
            await _connections.FirstAnswerLeft(connectionId).WaitAsync(cancellationToken).ConfigureAwait(false);
            reservation.Add(Acquired(await _server.AcquireAsync(Math.Min(kib, _serverKiB), cancellationToken).ConfigureAwait(false)));
            return reservation;
        }
        catch
        {
            reservation.Release();
            throw;
        }
    }

    public void Dispose()
    {
        _byConnection.Dispose();
        _server.Dispose();
    }

    /// <summary>Notes that one of the connection's answers no longer holds room.</summary>
    internal void Released(string connectionId)
    {
        if (_heldByConnection.AddOrUpdate(connectionId, 0, static (_, held) => held - 1) <= 0)
        {
            // Only if nothing was admitted meanwhile: the pair must still be (connection, 0).
            _heldByConnection.TryRemove(new KeyValuePair<string, int>(connectionId, 0));
        }
    }

    // The queues are unbounded in permits (the streams a connection may open bound them), so a lease is refused only
    // once the limiter is disposed, at shutdown.
    private static RateLimitLease Acquired(RateLimitLease lease)
    {
        if (lease.IsAcquired)
        {
            return lease;
        }

        lease.Dispose();
        throw new OperationCanceledException("the server is shutting down");
    }

    private static int KiB(long bytes) => (int)Math.Min(int.MaxValue, (bytes + 1023) / 1024);
}

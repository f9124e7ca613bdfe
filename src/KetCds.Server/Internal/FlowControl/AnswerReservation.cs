using System.Threading.RateLimiting;

namespace KetCds.Server.Internal.FlowControl;

/// <summary>
/// The room one admitted answer holds in the <see cref="AnswerBudget"/>, from admission until its bytes have left or its
/// call has ended. The release may come from the call's end or, after a reset, from the same path on another thread;
/// the leases are given back exactly once.
/// </summary>
internal sealed class AnswerReservation(AnswerBudget budget, string connectionId, string kind, RateLimitLease onConnection)
{
    private RateLimitLease? _onServer;
    private int _released;

    /// <summary>Learns the answer's real size for later estimates of its kind.</summary>
    public void Settle(long actualBytes) => budget.Observe(kind, actualBytes);

    /// <summary>Gives the room back: the answer has left, or will never be sent.</summary>
    public void Release()
    {
        if (Interlocked.Exchange(ref _released, 1) == 1)
        {
            return;
        }

        Volatile.Read(ref _onServer)?.Dispose();
        onConnection.Dispose();
        budget.Released(connectionId);
    }

    /// <summary>Adds the server-wide lease (every answer of a connection after its first).</summary>
    internal void Add(RateLimitLease onServer) => Volatile.Write(ref _onServer, onServer);
}

using Microsoft.AspNetCore.Connections;
using KetCds.Server.Internal.FlowControl;

namespace KetCds.Server.Tests.Internal.FlowControl;

public sealed class OpenConnectionTests
{
    [Fact]
    public async Task TryClose_AskedTwiceAtOnce_AbortsTheConnectionOnceAndOnlyTheFirstCallerCloses()
    {
        // A connection with several unsent answers, or seen by two overlapping sweeps, was once closed and logged twice.
        var connection = new CountingConnection();
        var open = new OpenConnection(connection);
        using var start = new ManualResetEventSlim();

        var callers = Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
        {
            start.Wait();
            return open.TryClose("stalled");
        })).ToList();
        start.Set();
        var closed = await Task.WhenAll(callers);

        Assert.Equal(1, closed.Count(static c => c));
        Assert.Equal(1, connection.Aborts);
    }

    private sealed class CountingConnection : DefaultConnectionContext
    {
        private int _aborts;

        public int Aborts => Volatile.Read(ref _aborts);

        public override void Abort(ConnectionAbortedException abortReason)
        {
            Interlocked.Increment(ref _aborts);
            base.Abort(abortReason);
        }
    }
}

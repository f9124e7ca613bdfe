using KetCds.Server.Internal.FlowControl;
using Microsoft.AspNetCore.Connections;

namespace KetCds.Server.Tests.Internal.FlowControl;

/// <summary>The answer budget over real rate limiters and connections held open through <see cref="OpenConnections"/>.</summary>
public sealed class AnswerBudgetTests : IAsyncDisposable
{
    private const string Kind = "/ketcds.v1.DecisionSupportService/Evaluate#Full";
    private static readonly TimeSpan Patience = TimeSpan.FromMilliseconds(300);

    private readonly OpenConnections _connections = new();
    private readonly List<TaskCompletionSource> _closers = [];
    private readonly List<Task> _open = [];

    public async ValueTask DisposeAsync()
    {
        _closers.ForEach(static c => c.TrySetResult());
        await Task.WhenAll(_open);
    }

    [Fact]
    public async Task ReserveAsync_FirstAnswerOnAConnection_AdmittedWhileTheServerBudgetIsFull()
    {
        using var budget = Budget(serverBytes: 64 * 1024, connectionBytes: 1024 * 1024);
        var reader = Open("reader");
        var other = Open("other");
        _connections.AnswerLeft(reader);
        var floor = await budget.ReserveAsync(reader, Kind, CancellationToken.None);
        var fillsServer = await budget.ReserveAsync(reader, Kind, CancellationToken.None);
        Assert.Equal(64, budget.HeldKiB);
        var overServer = budget.ReserveAsync(reader, Kind, CancellationToken.None).AsTask();
        await Assert.ThrowsAsync<TimeoutException>(() => overServer.WaitAsync(Patience));

        var first = await budget.ReserveAsync(other, Kind, CancellationToken.None).AsTask().WaitAsync(Patience);

        fillsServer.Release();
        (await overServer.WaitAsync(TimeSpan.FromSeconds(10))).Release();
        first.Release();
        floor.Release();
        Assert.Equal(0, budget.HeldKiB);
    }

    [Fact]
    public async Task ReserveAsync_SecondAnswerBeforeAnyHasLeft_WaitsUntilOneLeaves()
    {
        using var budget = Budget(serverBytes: 1024 * 1024, connectionBytes: 1024 * 1024);
        var connection = Open("c1");
        var first = await budget.ReserveAsync(connection, Kind, CancellationToken.None);

        var second = budget.ReserveAsync(connection, Kind, CancellationToken.None).AsTask();
        await Assert.ThrowsAsync<TimeoutException>(() => second.WaitAsync(Patience));

        _connections.AnswerLeft(connection);
        (await second.WaitAsync(TimeSpan.FromSeconds(10))).Release();
        first.Release();
    }

    [Fact]
    public async Task ReserveAsync_ConnectionOverItsBudget_WaitsForARelease()
    {
        using var budget = Budget(serverBytes: 1024 * 1024, connectionBytes: 128 * 1024);
        var connection = Open("c1");
        _connections.AnswerLeft(connection);
        var first = await budget.ReserveAsync(connection, Kind, CancellationToken.None);
        var second = await budget.ReserveAsync(connection, Kind, CancellationToken.None);

        var third = budget.ReserveAsync(connection, Kind, CancellationToken.None).AsTask();
        await Assert.ThrowsAsync<TimeoutException>(() => third.WaitAsync(Patience));

        first.Release();
        (await third.WaitAsync(TimeSpan.FromSeconds(10))).Release();
        second.Release();
    }

    [Fact]
    public async Task ReserveAsync_ConnectionClosesWhileWaiting_CancelledAndHoldsNothing()
    {
        using var budget = Budget(serverBytes: 1024 * 1024, connectionBytes: 1024 * 1024);
        var connection = Open("c1");
        var first = await budget.ReserveAsync(connection, Kind, CancellationToken.None);
        var second = budget.ReserveAsync(connection, Kind, CancellationToken.None).AsTask();

        Assert.Equal(ConnectionClose.Closed, _connections.Close(connection, "test"));
        _closers[0].TrySetResult();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => second.WaitAsync(TimeSpan.FromSeconds(10)));
        first.Release();
        Assert.Equal(0, budget.HeldKiB);
    }

    [Fact]
    public async Task ReserveAsync_CallCancelledWhileWaiting_ReleasesItsConnectionRoom()
    {
        using var budget = Budget(serverBytes: 1024 * 1024, connectionBytes: 64 * 1024);
        var connection = Open("c1");
        var first = await budget.ReserveAsync(connection, Kind, CancellationToken.None);
        using var cts = new CancellationTokenSource();
        var waiting = budget.ReserveAsync(connection, Kind, cts.Token).AsTask();

        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting.WaitAsync(TimeSpan.FromSeconds(10)));
        first.Release();

        // The cancelled call holds nothing: the connection's whole budget is free again.
        (await budget.ReserveAsync(connection, Kind, CancellationToken.None).AsTask().WaitAsync(Patience)).Release();
    }

    [Fact]
    public void Estimate_AfterAnswersOfAKind_IsTheLargestSeen()
    {
        using var budget = Budget(serverBytes: 1024 * 1024, connectionBytes: 1024 * 1024);

        Assert.Equal(AnswerBudget.FirstEstimateBytes, budget.Estimate(Kind));
        budget.Observe(Kind, 350_000);
        budget.Observe(Kind, 20_000);

        Assert.Equal(350_000, budget.Estimate(Kind));
        Assert.Equal(AnswerBudget.FirstEstimateBytes, budget.Estimate("/other"));
    }

    private AnswerBudget Budget(long serverBytes, long connectionBytes) =>
        new(new StalledResponseSettings(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(1), serverBytes, connectionBytes), _connections);

    // A connection listed as open until the test ends (or closes it).
    private string Open(string id)
    {
        var closer = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _closers.Add(closer);
        _open.Add(_connections.Track(_ => closer.Task)(new DefaultConnectionContext(id)));
        return id;
    }
}

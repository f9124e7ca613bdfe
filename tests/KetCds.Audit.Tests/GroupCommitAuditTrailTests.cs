using KetCds.Audit.Internal;
using KetCds.Audit.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace KetCds.Audit.Tests;

/// <summary>The group-commit writer over a real SQLite store, held at its first commit to see what it takes next.</summary>
public sealed class GroupCommitAuditTrailTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "ketcds-groupcommit-" + Guid.NewGuid().ToString("N"));

    public GroupCommitAuditTrailTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task AppendAsync_UrgentQueuedBehindRoutine_CommittedFirst()
    {
        var store = new HeldStore(StoreSelector.Open($"Data Source={Path.Combine(_folder, "audit.db")}", createIfMissing: true));
        var trail = new GroupCommitAuditTrail(store, new AuditOptions("unused", MaxBatch: 4), TimeProvider.System, NullLogger.Instance);
        await using (trail)
        {
            // The first record occupies the writer; routine records then queue, and one urgent record after them.
            var first = trail.AppendAsync(Entries.Make(0));
            await store.Entered.Task.WaitAsync(TimeSpan.FromSeconds(30));
            var routine = Enumerable.Range(1, 8).Select(i => trail.AppendAsync(Entries.Make(i, "CANCELLED"))).ToList();
            var urgent = trail.AppendAsync(Entries.Make(9) with { Urgent = true });
            store.Release.SetResult();

            var urgentRecord = await urgent.WaitAsync(TimeSpan.FromSeconds(30));
            var routineRecords = await Task.WhenAll(routine).WaitAsync(TimeSpan.FromSeconds(30));
            await first;

            Assert.Equal(2, urgentRecord.Sequence);
            Assert.All(routineRecords, r => Assert.True(r.Sequence > urgentRecord.Sequence));
            Assert.True((await trail.VerifyAsync()).IsIntact);
        }
    }

    [Fact]
    public async Task DisposeAsync_BothQueuesHoldRecords_CommitsEveryRecordBeforeClosing()
    {
        var store = new HeldStore(StoreSelector.Open($"Data Source={Path.Combine(_folder, "audit.db")}", createIfMissing: true));
        var trail = new GroupCommitAuditTrail(store, new AuditOptions("unused", MaxBatch: 2), TimeProvider.System, NullLogger.Instance);
        var first = trail.AppendAsync(Entries.Make(0));
        await store.Entered.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var appends = Enumerable.Range(1, 6).Select(i => trail.AppendAsync(Entries.Make(i) with { Urgent = i % 2 == 0 })).Prepend(first).ToList();
        store.Release.SetResult();
        await trail.DisposeAsync();

        var records = await Task.WhenAll(appends).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(Enumerable.Range(1, 7).Select(static i => (long)i), records.Select(static r => r.Sequence).Order());
    }

    /// <summary>The real store, with its first append held until the test releases it.</summary>
    private sealed class HeldStore(IAuditStore inner) : IAuditStore
    {
        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task InitializeAsync(CancellationToken cancellationToken) => inner.InitializeAsync(cancellationToken);

        public async Task<IReadOnlyList<AuditRecord>> AppendAsync(IReadOnlyList<AuditRecord> batch, CancellationToken cancellationToken)
        {
            if (Entered.TrySetResult())
            {
                await Release.Task.ConfigureAwait(false);
            }

            return await inner.AppendAsync(batch, cancellationToken).ConfigureAwait(false);
        }

        public IAsyncEnumerable<AuditRecord> ReadAsync(DateTimeOffset? from, DateTimeOffset? to, CancellationToken cancellationToken) =>
            inner.ReadAsync(from, to, cancellationToken);

        public Task<int> PrunePayloadsAsync(DateTimeOffset olderThan, CancellationToken cancellationToken) => inner.PrunePayloadsAsync(olderThan, cancellationToken);

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}

using System.Text;
using KetCds.Audit.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace KetCds.Audit.Tests;

/// <summary>
/// What every store must do, run once per store by <see cref="SqliteAuditStoreTests"/> and <see cref="PostgresAuditStoreTests"/>.
/// Tampering is done the way an attacker with database access would: plain SQL against the table.
/// </summary>
public abstract class AuditTrailContract
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 3, 4, 5, 6, 7, TimeSpan.Zero)) { AutoAdvanceAmount = TimeSpan.FromMilliseconds(1) };

    /// <summary>Why this store's tests cannot run here, or null.</summary>
    protected abstract string? SkipReason { get; }

    /// <summary>A connection string for a new, empty store.</summary>
    protected abstract Task<string> NewStoreAsync();

    /// <summary>A connection string for a store that cannot be written.</summary>
    protected abstract Task<string> UnwritableStoreAsync();

    /// <summary>Runs raw SQL against the store, bypassing the trail.</summary>
    protected abstract Task ExecuteSqlAsync(string connectionString, string sql);

    [SkippableFact]
    public async Task AppendAsync_SequentialAppends_NumbersFromOneAndVerifies()
    {
        await using var trail = await OpenAsync();

        var records = new List<AuditRecord>();
        for (var i = 0; i < 20; i++)
        {
            records.Add(await trail.AppendAsync(Entries.Make(i)));
        }

        Assert.Equal(Enumerable.Range(1, 20).Select(i => (long)i), records.Select(r => r.Sequence));
        Assert.Equal(new string('0', 64), Hex(records[0].PreviousHash));
        Assert.All(records.Skip(1).Zip(records), pair => Assert.Equal(Hex(pair.Second.Hash), Hex(pair.First.PreviousHash)));
        var verification = await trail.VerifyAsync();
        Assert.True(verification.IsIntact, verification.FirstBreak?.Reason);
        Assert.Equal(20, verification.RecordCount);
        Assert.Equal(20, verification.HeadSequence);
        Assert.Equal(Convert.ToHexStringLower(records[^1].Hash.AsSpan()), verification.HeadHash);
    }

    [SkippableFact]
    public async Task ReadAsync_StoredRecords_RoundTripExactly()
    {
        await using var trail = await OpenAsync();
        var written = await trail.AppendAsync(Entries.Make(7) with { Subject = "dr. ünïcode ✓", Decision = [] });

        var read = Assert.Single(await ToListAsync(trail.ReadAsync()));

        Assert.Equal(written.Sequence, read.Sequence);
        Assert.Equal(written.Time, read.Time);
        Assert.Equal("dr. ünïcode ✓", read.Subject);
        Assert.Empty(read.Decision);
        Assert.Equal(Hex(written.RequestSha256), Hex(read.RequestSha256));
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes("request bytes 7"))), Hex(read.RequestSha256));
        Assert.Equal(Hex(written.Hash), Hex(read.Hash));
        Assert.Null(read.RequestPayload);
        Assert.Null(read.ResponsePayload);
    }

    [SkippableFact]
    public async Task AppendAsync_ManyConcurrentCallers_OneChainWithoutGaps()
    {
        await using var trail = await OpenAsync();

        var records = await Task.WhenAll(Enumerable.Range(0, 400).Select(i => Task.Run(() => trail.AppendAsync(Entries.Make(i)))));

        Assert.Equal(Enumerable.Range(1, 400).Select(i => (long)i), records.Select(r => r.Sequence).Order());
        var verification = await trail.VerifyAsync();
        Assert.True(verification.IsIntact, verification.FirstBreak?.Reason);
        Assert.Equal(400, verification.RecordCount);
    }

    [SkippableFact]
    public async Task AppendAsync_TwoTrailsSharingOneStore_KeepOneChain()
    {
        var store = await StoreAsync();
        // Two trails = two writers with their own connections, as two replicas (or processes) sharing one store would be.
        await using var first = Open(store);
        await using var second = Open(store);

        var appends = Enumerable.Range(0, 300).Select(i => Task.Run(() => (i % 2 == 0 ? first : second).AppendAsync(Entries.Make(i))));
        var records = await Task.WhenAll(appends);

        Assert.Equal(300, records.Select(r => r.Sequence).Distinct().Count());
        var verification = await first.VerifyAsync();
        Assert.True(verification.IsIntact, verification.FirstBreak?.Reason);
        Assert.Equal(300, verification.RecordCount);
    }

    [SkippableFact]
    public async Task VerifyAsync_EditedStatus_ReportsThatRecord()
    {
        var (store, trail) = await FilledAsync(10);
        await using var _ = trail;

        await ExecuteSqlAsync(store, "UPDATE audit_record SET status = 'PERMISSION_DENIED' WHERE sequence = 6");

        AssertBroken(await trail.VerifyAsync(), 6, "the record was edited");
    }

    [SkippableFact]
    public async Task VerifyAsync_EditedDecision_ReportsThatRecord()
    {
        var (store, trail) = await FilledAsync(10);
        await using var _ = trail;

        await ExecuteSqlAsync(store, "UPDATE audit_record SET decision = '[\"eligibility.ineligible\"]' WHERE sequence = 4");

        AssertBroken(await trail.VerifyAsync(), 4, "the record was edited");
    }

    [SkippableFact]
    public async Task VerifyAsync_DeletedRecord_ReportsTheMissingSequence()
    {
        var (store, trail) = await FilledAsync(10);
        await using var _ = trail;

        await ExecuteSqlAsync(store, "DELETE FROM audit_record WHERE sequence = 5");

        AssertBroken(await trail.VerifyAsync(), 5, "record 5 is missing");
    }

    [SkippableFact]
    public async Task VerifyAsync_DeletedAndRenumbered_ReportsTheBrokenLink()
    {
        var (store, trail) = await FilledAsync(10);
        await using var _ = trail;

        // A careful attacker closes the gap: the sequence numbers look right, the links do not.
        await ExecuteSqlAsync(store, "DELETE FROM audit_record WHERE sequence = 5");
        await ExecuteSqlAsync(store, "UPDATE audit_record SET sequence = sequence + 1000 WHERE sequence > 5");
        await ExecuteSqlAsync(store, "UPDATE audit_record SET sequence = sequence - 1001 WHERE sequence > 1000");

        AssertBroken(await trail.VerifyAsync(), 5, "previous_hash does not match record 4");
    }

    [SkippableFact]
    public async Task VerifyAsync_InsertedRecord_ReportsTheBrokenLink()
    {
        var (store, trail) = await FilledAsync(10);
        await using var _ = trail;

        // Make room after record 3 and insert a copy of record 3 there.
        await ExecuteSqlAsync(store, "UPDATE audit_record SET sequence = sequence + 1000 WHERE sequence > 3");
        await ExecuteSqlAsync(store, "UPDATE audit_record SET sequence = sequence - 999 WHERE sequence > 1000");
        await ExecuteSqlAsync(
            store,
            "INSERT INTO audit_record SELECT 4, time_us, subject, client_address, method, request_id, rule_set, status, decision, request_sha256, " +
            "response_sha256, request_payload, response_payload, previous_hash, hash FROM audit_record WHERE sequence = 3");

        AssertBroken(await trail.VerifyAsync(), 4, "previous_hash does not match record 3");
    }

    [SkippableFact]
    public async Task VerifyAsync_SwappedRecords_ReportsTheBrokenLink()
    {
        var (store, trail) = await FilledAsync(10);
        await using var _ = trail;

        await ExecuteSqlAsync(store, "UPDATE audit_record SET sequence = -8 WHERE sequence = 8");
        await ExecuteSqlAsync(store, "UPDATE audit_record SET sequence = 8 WHERE sequence = 7");
        await ExecuteSqlAsync(store, "UPDATE audit_record SET sequence = 7 WHERE sequence = -8");

        AssertBroken(await trail.VerifyAsync(), 7, "previous_hash does not match record 6");
    }

    [SkippableFact]
    public async Task VerifyAsync_FirstRecordDeleted_ReportsSequenceOne()
    {
        var (store, trail) = await FilledAsync(3);
        await using var _ = trail;

        await ExecuteSqlAsync(store, "DELETE FROM audit_record WHERE sequence = 1");

        AssertBroken(await trail.VerifyAsync(), 1, "record 1 is missing");
    }

    [SkippableFact]
    public async Task VerifyAsync_EmptyTrail_IsIntactWithZeroHead()
    {
        await using var trail = await OpenAsync();

        var verification = await trail.VerifyAsync();

        Assert.True(verification.IsIntact);
        Assert.Equal(0, verification.RecordCount);
        Assert.Equal(new string('0', 64), verification.HeadHash);
    }

    [SkippableFact]
    public async Task AppendAsync_PayloadsOn_StoresThemAndVerifiesTheirHashes()
    {
        var store = await StoreAsync();
        await using var trail = Open(store, storePayloads: true);
        for (var i = 0; i < 5; i++)
        {
            await trail.AppendAsync(Entries.Make(i));
        }

        var records = await ToListAsync(trail.ReadAsync());
        Assert.Equal("request bytes 2", Encoding.UTF8.GetString(records[2].RequestPayload!.Value.AsSpan()));
        Assert.Equal("response bytes 2", Encoding.UTF8.GetString(records[2].ResponsePayload!.Value.AsSpan()));

        await ExecuteSqlAsync(store, "UPDATE audit_record SET response_payload = request_payload WHERE sequence = 3");

        AssertBroken(await trail.VerifyAsync(), 3, "stored response payload does not match response_sha256");
    }

    [SkippableFact]
    public async Task PrunePayloadsAsync_PastRetention_RemovesPayloadsAndChainStillVerifies()
    {
        var store = await StoreAsync();
        await using var trail = Open(store, storePayloads: true, retention: TimeSpan.FromDays(7));
        for (var i = 0; i < 3; i++)
        {
            await trail.AppendAsync(Entries.Make(i));
        }

        _time.Advance(TimeSpan.FromDays(8));

        var pruned = await trail.PrunePayloadsAsync();
        await trail.AppendAsync(Entries.Make(3));

        Assert.Equal(3, pruned);
        var records = await ToListAsync(trail.ReadAsync());
        Assert.All(records.Take(3), r => Assert.Null(r.RequestPayload));
        Assert.All(records.Take(3), r => Assert.Null(r.ResponsePayload));
        Assert.NotNull(records[3].RequestPayload);
        var verification = await trail.VerifyAsync();
        Assert.True(verification.IsIntact, verification.FirstBreak?.Reason);
        Assert.Equal(4, verification.RecordCount);
    }

    [SkippableFact]
    public async Task ReadAsync_TimeRange_ReturnsOnlyRecordsInside()
    {
        await using var trail = await OpenAsync();
        var records = new List<AuditRecord>();
        for (var i = 0; i < 6; i++)
        {
            records.Add(await trail.AppendAsync(Entries.Make(i)));
            _time.Advance(TimeSpan.FromMinutes(1));
        }

        var inside = await ToListAsync(trail.ReadAsync(records[2].Time, records[4].Time));

        Assert.Equal([3L, 4L], inside.Select(r => r.Sequence));
    }

    [SkippableFact]
    public async Task AppendAsync_InvalidText_ThrowsNamingTheField()
    {
        await using var trail = await OpenAsync();

        var nul = await Assert.ThrowsAsync<ArgumentException>(() => trail.AppendAsync(Entries.Make(1) with { RequestId = "a\0b" }));
        var surrogate = await Assert.ThrowsAsync<ArgumentException>(() => trail.AppendAsync(Entries.Make(1) with { Decision = ["ok", "\ud800"] }));

        Assert.StartsWith("RequestId: must not contain NUL", nul.Message, StringComparison.Ordinal);
        Assert.StartsWith("Decision[1]: is not valid Unicode", surrogate.Message, StringComparison.Ordinal);
        Assert.Equal(0, (await trail.VerifyAsync()).RecordCount);
    }

    [SkippableFact]
    public async Task AppendAsync_StoreCannotBeWritten_FailsClosedAndRecovers()
    {
        await using var trail = Open(await UnwritableAsync());

        await Assert.ThrowsAsync<AuditUnavailableException>(() => trail.AppendAsync(Entries.Make(1)));
        // The writer survives a failed group: later appends fail the same way rather than hanging.
        await Assert.ThrowsAsync<AuditUnavailableException>(() => trail.AppendAsync(Entries.Make(2)));
    }

    [SkippableFact]
    public async Task AppendAsync_ChildProcessesSigkilledMidStream_EveryAcknowledgedRecordSurvives()
    {
        var store = await StoreAsync();
        var acknowledged = new List<(long Sequence, string RequestId)>();
        for (var round = 0; round < 3; round++)
        {
            // Two processes at once: the chain must also survive concurrent writers that die mid-transaction.
            using var first = new AppenderProcess(store, $"r{round}a");
            using var second = new AppenderProcess(store, $"r{round}b");
            await Task.WhenAll(first.WaitForAcksAsync(40), second.WaitForAcksAsync(40));
            await Task.WhenAll(first.KillAsync(), second.KillAsync());
            acknowledged.AddRange(first.Acknowledged);
            acknowledged.AddRange(second.Acknowledged);
        }

        await using var trail = Open(store);
        var verification = await trail.VerifyAsync();
        Assert.True(verification.IsIntact, verification.FirstBreak?.Reason);
        var stored = (await ToListAsync(trail.ReadAsync())).ToDictionary(r => r.Sequence, r => r.RequestId);
        Assert.All(acknowledged, ack => Assert.Equal(ack.RequestId, stored.GetValueOrDefault(ack.Sequence)));
        Assert.True(stored.Count >= acknowledged.Count);
    }

    private static string Hex(System.Collections.Immutable.ImmutableArray<byte> bytes) => Convert.ToHexStringLower(bytes.AsSpan());

    private static void AssertBroken(AuditVerification verification, long sequence, string reason)
    {
        Assert.False(verification.IsIntact, "the tampering was not detected");
        Assert.Equal(sequence, verification.FirstBreak!.Sequence);
        Assert.Contains(reason, verification.FirstBreak.Reason, StringComparison.Ordinal);
        Assert.Equal(sequence - 1, verification.HeadSequence);
    }

    private static async Task<List<AuditRecord>> ToListAsync(IAsyncEnumerable<AuditRecord> records)
    {
        var list = new List<AuditRecord>();
        await foreach (var record in records)
        {
            list.Add(record);
        }

        return list;
    }

    private async Task<IAuditTrail> OpenAsync()
    {
        Skip.If(SkipReason is not null, SkipReason);
        return Open(await StoreAsync());
    }

    private async Task<(string Store, IAuditTrail Trail)> FilledAsync(int count)
    {
        Skip.If(SkipReason is not null, SkipReason);
        var store = await StoreAsync();
        var trail = Open(store);
        for (var i = 0; i < count; i++)
        {
            await trail.AppendAsync(Entries.Make(i));
        }

        var verification = await trail.VerifyAsync();
        Assert.True(verification.IsIntact, verification.FirstBreak?.Reason);
        return (store, trail);
    }

    private Task<string> StoreAsync()
    {
        Skip.If(SkipReason is not null, SkipReason);
        return NewStoreAsync();
    }

    private Task<string> UnwritableAsync()
    {
        Skip.If(SkipReason is not null, SkipReason);
        return UnwritableStoreAsync();
    }

    private IAuditTrail Open(string store, bool storePayloads = false, TimeSpan? retention = null)
    {
        Skip.If(SkipReason is not null, SkipReason);
        return AuditTrailFactory.Create(new AuditOptions(store, storePayloads, retention), _time);
    }
}

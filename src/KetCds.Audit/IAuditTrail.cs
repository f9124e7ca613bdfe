namespace KetCds.Audit;

/// <summary>An append-only, hash-chained audit trail shared by every process that opens the same store.</summary>
public interface IAuditTrail : IAsyncDisposable
{
    /// <summary>Appends <paramref name="entry"/> and completes only once its record is durable; throws <see cref="AuditUnavailableException"/> when it cannot be written.</summary>
    /// <remarks>Cancelling stops the wait, not the write: a record already handed to the store may still be committed.</remarks>
    Task<AuditRecord> AppendAsync(AuditEntry entry, CancellationToken cancellationToken = default);

    /// <summary>Reads records in sequence order whose time lies in [<paramref name="from"/>, <paramref name="to"/>) (either bound optional).</summary>
    IAsyncEnumerable<AuditRecord> ReadAsync(DateTimeOffset? from = null, DateTimeOffset? to = null, CancellationToken cancellationToken = default);

    /// <summary>Walks the whole chain and reports the first broken link, if any.</summary>
    Task<AuditVerification> VerifyAsync(CancellationToken cancellationToken = default);

    /// <summary>Removes stored request/response payloads older than the retention period; hashes (and so the chain) stay. Returns how many records lost their payloads.</summary>
    Task<int> PrunePayloadsAsync(CancellationToken cancellationToken = default);
}

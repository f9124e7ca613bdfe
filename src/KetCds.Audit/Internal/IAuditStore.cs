namespace KetCds.Audit.Internal;

/// <summary>Where chained records live. Appends read the chain's tail inside their own transaction, so several processes can share a store.</summary>
internal interface IAuditStore : IAsyncDisposable
{
    Task InitializeAsync(CancellationToken cancellationToken);

    /// <summary>Chains and commits <paramref name="batch"/> in one durable transaction; returns the records in the batch's order.</summary>
    Task<IReadOnlyList<AuditRecord>> AppendAsync(IReadOnlyList<AuditRecord> batch, CancellationToken cancellationToken);

    IAsyncEnumerable<AuditRecord> ReadAsync(DateTimeOffset? from, DateTimeOffset? to, CancellationToken cancellationToken);

    Task<int> PrunePayloadsAsync(DateTimeOffset olderThan, CancellationToken cancellationToken);
}

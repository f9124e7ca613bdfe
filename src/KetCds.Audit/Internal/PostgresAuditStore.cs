using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Npgsql;

namespace KetCds.Audit.Internal;

/// <summary>
/// One table in PostgreSQL shared by every replica. Appends serialize on a transaction-level advisory lock taken before the
/// tail is read: writers queue on the lock instead of racing. SERIALIZABLE would also be correct, but every concurrent append
/// reads the same tail row, so under load nearly every transaction would abort with a serialization failure and retry,
/// wasting a round trip each time; the lock gives the same one-chain guarantee with no retries. The primary key on
/// <c>sequence</c> backs this up: two writers can never both commit the same position. Commit is durable under
/// PostgreSQL's default <c>synchronous_commit=on</c>.
/// </summary>
internal sealed class PostgresAuditStore : IAuditStore
{
    // An arbitrary constant naming "the KetCds audit chain" among advisory locks ("KetCdsAu" in ASCII).
    private const long ChainLock = 0x4B65744364734175;

    private readonly NpgsqlDataSource _dataSource;
    private volatile bool _initialized;

    public PostgresAuditStore(NpgsqlConnectionStringBuilder builder)
    {
        _dataSource = NpgsqlDataSource.Create(builder);
    }

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        if (_initialized)
        {
            return;
        }

        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        // Concurrent CREATE TABLE IF NOT EXISTS can still collide in PostgreSQL's catalog; the chain lock serializes replicas starting together.
        await LockAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, transaction, RecordColumns.CreateTable("BYTEA"), cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, transaction, RecordColumns.TimeIndex, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        _initialized = true;
    }

    public async Task<IReadOnlyList<AuditRecord>> AppendAsync(IReadOnlyList<AuditRecord> batch, CancellationToken cancellationToken)
    {
        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await LockAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
        var tail = await ReadTailAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
        var records = new List<AuditRecord>(batch.Count);
        await using var inserts = new NpgsqlBatch(connection, transaction);
        foreach (var pending in batch)
        {
            var record = AuditChain.Seal(pending, tail);
            var insert = new NpgsqlBatchCommand(RecordColumns.Insert);
            RecordColumns.Bind(insert, record);
            inserts.BatchCommands.Add(insert);
            records.Add(record);
            tail = new ChainTail(record.Sequence, record.Hash);
        }

        // One round trip for the whole group, one commit (one WAL flush) for every append in it.
        await inserts.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return records;
    }

    public async IAsyncEnumerable<AuditRecord> ReadAsync(DateTimeOffset? from, DateTimeOffset? to, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        // One snapshot for the whole walk, so appends committed meanwhile cannot appear half-way.
        await using var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(RecordColumns.Select + RecordColumns.Range(from, to) + " ORDER BY sequence", connection, transaction);
        RecordColumns.AddRange(command, from, to);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return RecordColumns.Read(reader);
        }
    }

    public async Task<int> PrunePayloadsAsync(DateTimeOffset olderThan, CancellationToken cancellationToken)
    {
        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        await using var command = _dataSource.CreateCommand(RecordColumns.Prune);
        RecordColumns.Add(command, "cut", AuditChain.ToMicroseconds(olderThan));
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    private static async Task LockAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@key)", connection, transaction);
        command.Parameters.AddWithValue("key", ChainLock);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task<ChainTail> ReadTailAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(RecordColumns.Tail, connection, transaction);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? new ChainTail(reader.GetInt64(0), ImmutableArray.Create(reader.GetFieldValue<byte[]>(1)))
            : ChainTail.Genesis;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}

using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;

namespace KetCds.Audit.Internal;

/// <summary>
/// One SQLite file in WAL mode with synchronous=FULL, so a committed append has reached the disk before it is acknowledged.
/// Each append runs in BEGIN IMMEDIATE, which takes the database's write lock before the tail is read: several processes
/// appending to the same file therefore still build one chain.
/// </summary>
internal sealed class SqliteAuditStore : IAuditStore
{
    private readonly string _writeConnectionString;
    private readonly string _readConnectionString;
    private readonly SemaphoreSlim _writerGate = new(1, 1);
    private readonly bool _createIfMissing;
    private SqliteConnection? _writer;

    public SqliteAuditStore(SqliteConnectionStringBuilder builder, bool createIfMissing)
    {
        _createIfMissing = createIfMissing;
        // No pooling: a disposed store must release the file (tests delete it; an operator may move it).
        builder.Pooling = false;
        builder.Mode = createIfMissing ? SqliteOpenMode.ReadWriteCreate : SqliteOpenMode.ReadWrite;
        _writeConnectionString = builder.ConnectionString;
        builder.Mode = SqliteOpenMode.ReadWrite;
        _readConnectionString = builder.ConnectionString;
        DataSource = builder.DataSource;
    }

    public string DataSource { get; }

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await _writerGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await OpenWriterAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _writerGate.Release();
        }
    }

    public async Task<IReadOnlyList<AuditRecord>> AppendAsync(IReadOnlyList<AuditRecord> batch, CancellationToken cancellationToken)
    {
        await _writerGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var connection = await OpenWriterAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                // BeginTransaction(deferred: false) issues BEGIN IMMEDIATE: the write lock is held before the tail is read.
                using var transaction = connection.BeginTransaction(deferred: false);
                var tail = await ReadTailAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
                var records = new List<AuditRecord>(batch.Count);
                using var insert = connection.CreateCommand();
                insert.Transaction = transaction;
                insert.CommandText = RecordColumns.Insert;
                foreach (var pending in batch)
                {
                    var record = AuditChain.Seal(pending, tail);
                    insert.Parameters.Clear();
                    RecordColumns.Bind(insert, record);
                    await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                    records.Add(record);
                    tail = new ChainTail(record.Sequence, record.Hash);
                }

                transaction.Commit();
                return records;
            }
            catch
            {
                // The connection may be in an unknown state (disk full, file removed): reopen on the next append.
                await CloseWriterAsync().ConfigureAwait(false);
                throw;
            }
        }
        finally
        {
            _writerGate.Release();
        }
    }

    public async IAsyncEnumerable<AuditRecord> ReadAsync(DateTimeOffset? from, DateTimeOffset? to, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (!File.Exists(DataSource) && _createIfMissing)
        {
            await InitializeAsync(cancellationToken).ConfigureAwait(false);
        }

        // Without CreateIfMissing a mistyped path fails instead of reporting an empty, intact trail.
        if (!File.Exists(DataSource))
        {
            throw new FileNotFoundException($"audit trail file '{DataSource}' does not exist", DataSource);
        }

        using var connection = new SqliteConnection(_readConnectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, RecordColumns.CreateTable("BLOB"), cancellationToken).ConfigureAwait(false);
        using var command = connection.CreateCommand();
        command.CommandText = RecordColumns.Select + RecordColumns.Range(from, to) + " ORDER BY sequence";
        RecordColumns.AddRange(command, from, to);
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return RecordColumns.Read(reader);
        }
    }

    public async Task<int> PrunePayloadsAsync(DateTimeOffset olderThan, CancellationToken cancellationToken)
    {
        await _writerGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var connection = await OpenWriterAsync(cancellationToken).ConfigureAwait(false);
            using var command = connection.CreateCommand();
            command.CommandText = RecordColumns.Prune;
            RecordColumns.Add(command, "cut", AuditChain.ToMicroseconds(olderThan));
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _writerGate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _writerGate.WaitAsync().ConfigureAwait(false);
        try
        {
            await CloseWriterAsync().ConfigureAwait(false);
        }
        finally
        {
            _writerGate.Release();
        }

        _writerGate.Dispose();
    }

    private static async Task<ChainTail> ReadTailAsync(SqliteConnection connection, SqliteTransaction transaction, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = RecordColumns.Tail;
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? new ChainTail(reader.GetInt64(0), ImmutableArray.Create(reader.GetFieldValue<byte[]>(1)))
            : ChainTail.Genesis;
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<SqliteConnection> OpenWriterAsync(CancellationToken cancellationToken)
    {
        if (_writer is not null)
        {
            return _writer;
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(DataSource));
        if (_createIfMissing && !string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        var connection = new SqliteConnection(_writeConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            // WAL persists in the file; synchronous is per connection: FULL syncs the WAL on every commit, so an
            // acknowledged append survives SIGKILL and power loss. busy_timeout lets other processes' appends wait their turn.
            await ExecuteAsync(connection, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA busy_timeout=30000;", cancellationToken).ConfigureAwait(false);
            await ExecuteAsync(connection, RecordColumns.CreateTable("BLOB"), cancellationToken).ConfigureAwait(false);
            await ExecuteAsync(connection, RecordColumns.TimeIndex, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        _writer = connection;
        return connection;
    }

    private async Task CloseWriterAsync()
    {
        if (_writer is not null)
        {
            await _writer.DisposeAsync().ConfigureAwait(false);
            _writer = null;
        }
    }
}

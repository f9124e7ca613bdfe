using KetCds.Audit.Tests.Support;
using Npgsql;

namespace KetCds.Audit.Tests;

/// <summary>The store contract against a real PostgreSQL server (tests/audit/postgres.sh); skipped with the reason when none can start.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresAuditStoreTests(PostgresServer server) : AuditTrailContract
{
    protected override string? SkipReason => server.SkipReason;

    protected override Task<string> NewStoreAsync() => server.CreateDatabaseAsync();

    protected override Task<string> UnwritableStoreAsync()
    {
        // The cluster's port with a database that does not exist: connecting fails on every attempt.
        var builder = new NpgsqlConnectionStringBuilder(server.AdminConnectionString) { Database = "no_such_database_" + Guid.NewGuid().ToString("N") };
        return Task.FromResult(builder.ConnectionString);
    }

    protected override async Task ExecuteSqlAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}

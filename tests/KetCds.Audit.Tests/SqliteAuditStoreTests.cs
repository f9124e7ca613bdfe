using Microsoft.Data.Sqlite;

namespace KetCds.Audit.Tests;

/// <summary>The store contract against real SQLite files in a temporary folder.</summary>
public sealed class SqliteAuditStoreTests : AuditTrailContract, IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "ketcds-audit-" + Guid.NewGuid().ToString("N"));

    public SqliteAuditStoreTests() => Directory.CreateDirectory(_folder);

    protected override string? SkipReason => null;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task VerifyAsync_MissingFileWithoutCreateIfMissing_ThrowsInsteadOfReportingAnEmptyTrail()
    {
        var path = Path.Combine(_folder, "typo.db");
        await using var trail = AuditTrailFactory.Create(new AuditOptions($"Data Source={path}", CreateIfMissing: false), TimeProvider.System);

        var error = await Assert.ThrowsAsync<AuditUnavailableException>(() => trail.VerifyAsync());

        Assert.Contains("does not exist", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(path));
    }

    protected override Task<string> NewStoreAsync() =>
        Task.FromResult($"Data Source={Path.Combine(_folder, Guid.NewGuid().ToString("N") + ".db")}");

    protected override Task<string> UnwritableStoreAsync()
    {
        // A directory where the database file should be: SQLite cannot open it whoever runs the test (root included).
        var path = Path.Combine(_folder, "is-a-directory.db");
        Directory.CreateDirectory(path);
        return Task.FromResult($"Data Source={path}");
    }

    protected override async Task ExecuteSqlAsync(string connectionString, string sql)
    {
        await using var connection = new SqliteConnection(connectionString + ";Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}

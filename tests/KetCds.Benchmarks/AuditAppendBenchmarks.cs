using System.Text;
using BenchmarkDotNet.Attributes;
using KetCds.Audit;
using Npgsql;

namespace KetCds.Benchmarks;

/// <summary>
/// The cost of one durable audit append: alone (one commit and disk sync per record) and 64 at once (group commit shares
/// them). SQLite always; PostgreSQL when KETCDS_AUDIT_POSTGRES holds a connection string (see tests/audit/postgres.sh).
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class AuditAppendBenchmarks
{
    private const int Concurrent = 64;
    private readonly AuditEntry _entry = new(
        "clinician-1", "127.0.0.1:50000", "/ketcds.v1.DecisionSupport/Evaluate", "bench-request", "ketcds-ketamine-pain@1.0.0+0123456789ab",
        "OK", ["eligibility.eligible", "route.iv", "risk.hypertension"], Encoding.UTF8.GetBytes(new string('r', 600)), Encoding.UTF8.GetBytes(new string('a', 2000)));

    private IAuditTrail _trail = null!;
    private string? _sqliteFolder;

    /// <summary>The stores to measure: sqlite, plus postgres when a server is configured.</summary>
    public static IEnumerable<string> Stores =>
        string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("KETCDS_AUDIT_POSTGRES")) ? ["sqlite"] : ["sqlite", "postgres"];

    /// <summary>The store under measurement.</summary>
    [ParamsSource(nameof(Stores))]
    public string Store { get; set; } = "sqlite";

    /// <summary>Opens a fresh, empty trail (new SQLite file or new PostgreSQL database).</summary>
    /// <remarks>Synchronous: the in-process toolchain (needed where building a boilerplate project exceeds BenchmarkDotNet's build timeout) does not await setups.</remarks>
    [GlobalSetup]
    public void Setup()
    {
        string connectionString;
        if (Store == "postgres")
        {
            var admin = new NpgsqlConnectionStringBuilder(Environment.GetEnvironmentVariable("KETCDS_AUDIT_POSTGRES"));
            var database = "audit_bench_" + Guid.NewGuid().ToString("N")[..12];
            using (var connection = new NpgsqlConnection(admin.ConnectionString))
            {
                connection.Open();
                using var command = new NpgsqlCommand($"CREATE DATABASE {database}", connection);
                command.ExecuteNonQuery();
            }

            admin.Database = database;
            connectionString = admin.ConnectionString;
        }
        else
        {
            _sqliteFolder = Path.Combine(Path.GetTempPath(), "ketcds-audit-bench-" + Guid.NewGuid().ToString("N"));
            connectionString = $"Data Source={Path.Combine(_sqliteFolder, "audit.db")}";
        }

        _trail = AuditTrailFactory.Create(new AuditOptions(connectionString), TimeProvider.System);
        _trail.AppendAsync(_entry).GetAwaiter().GetResult();
    }

    /// <summary>Closes the trail and removes the SQLite file.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        _trail.DisposeAsync().AsTask().GetAwaiter().GetResult();
        if (_sqliteFolder is not null)
        {
            Directory.Delete(_sqliteFolder, recursive: true);
        }
    }

    /// <summary>One caller: each append waits for its own commit.</summary>
    [Benchmark]
    public Task<AuditRecord> AppendOne() => _trail.AppendAsync(_entry);

    /// <summary>64 concurrent callers; reported per append.</summary>
    [Benchmark(OperationsPerInvoke = Concurrent)]
    public Task AppendConcurrent()
    {
        var appends = new Task[Concurrent];
        for (var i = 0; i < Concurrent; i++)
        {
            appends[i] = _trail.AppendAsync(_entry);
        }

        return Task.WhenAll(appends);
    }
}

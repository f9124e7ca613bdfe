using System.Diagnostics;
using Npgsql;

namespace KetCds.Audit.Tests.Support;

/// <summary>
/// A private PostgreSQL cluster on 127.0.0.1 started by tests/audit/postgres.sh for the whole test run, or the server named by
/// KETCDS_AUDIT_POSTGRES. When neither is possible, <see cref="SkipReason"/> says why and the PostgreSQL tests skip with it.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "ketcds-audit-pg-" + Guid.NewGuid().ToString("N"), "cluster");
    private bool _started;
    private int _databases;

    public string? AdminConnectionString { get; private set; }

    public string? SkipReason { get; private set; }

    public async Task InitializeAsync()
    {
        var external = Environment.GetEnvironmentVariable("KETCDS_AUDIT_POSTGRES");
        if (!string.IsNullOrWhiteSpace(external))
        {
            AdminConnectionString = external;
            return;
        }

        var (exit, output, error) = await RunScriptAsync("start", _directory);
        if (exit != 0)
        {
            SkipReason = $"PostgreSQL unavailable, PostgreSQL tests skipped: {error.Trim()} (exit {exit})";
            return;
        }

        _started = true;
        AdminConnectionString = output.Trim().Split('\n')[^1];
    }

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var builder = new NpgsqlConnectionStringBuilder(AdminConnectionString);
        var name = $"audit_{Environment.ProcessId}_{Interlocked.Increment(ref _databases)}_{Guid.NewGuid().ToString("N")[..8]}";
        await using (var connection = new NpgsqlConnection(builder.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await command.ExecuteNonQueryAsync();
        }

        builder.Database = name;
        return builder.ConnectionString;
    }

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (_started)
        {
            await RunScriptAsync("stop", _directory);
        }

        var parent = Path.GetDirectoryName(_directory)!;
        if (Directory.Exists(parent))
        {
            Directory.Delete(parent, recursive: true);
        }
    }

    private static async Task<(int Exit, string Output, string Error)> RunScriptAsync(string verb, string directory)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(RepositoryPaths.PostgresScript);
        start.ArgumentList.Add(verb);
        start.ArgumentList.Add(directory);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }
}

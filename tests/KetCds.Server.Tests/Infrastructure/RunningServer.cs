using KetCds.Client;
using KetCds.Server.Internal.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace KetCds.Server.Tests.Infrastructure;

/// <summary>
/// The real server, composed exactly as Program.cs composes it, listening on 127.0.0.1 port 0. Disposing it stops it
/// and fails the test if it logged an error the test did not declare as expected.
/// </summary>
internal sealed class RunningServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Func<CapturedLog, bool> _expectedError;

    private RunningServer(WebApplication app, CapturingLoggerProvider logs, StringWriter output, Func<CapturedLog, bool> expectedError)
    {
        _app = app;
        Logs = logs;
        Output = output;
        _expectedError = expectedError;
        Address = new Uri(StartupAnnouncer.BoundAddress(app.Services.GetRequiredService<IServer>()));
        Client = new DecisionSupportClient(Address, new DecisionSupportClientOptions { MaxRetries = 0, DefaultDeadline = TimeSpan.FromSeconds(30) });
    }

    public Uri Address { get; }

    public DecisionSupportClient Client { get; }

    public CapturingLoggerProvider Logs { get; }

    /// <summary>What the server printed to its stdout.</summary>
    public StringWriter Output { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>The SQLite file of this server's audit trail (unless the test's arguments named another).</summary>
    public required string AuditFile { get; init; }

    public static async Task<RunningServer> StartAsync(
        string rulesDirectory,
        IEnumerable<string>? extraArgs = null,
        Func<CapturedLog, bool>? expectedError = null,
        Action<ILoggingBuilder>? logging = null,
        Action<WebApplicationBuilder>? configure = null)
    {
        // Each server keeps its own audit trail, beside its rules copy's folder, unless the test names one.
        var auditFile = Path.Combine(Path.GetTempPath(), "ketcds-server-tests", "audit-" + Guid.NewGuid().ToString("N") + ".db");
        string[] args =
        [
            "--rules", rulesDirectory, "--host", "127.0.0.1", "--port", "0", "--KetCds:ReloadDebounceMilliseconds", "50",
            "--KetCds:Audit:ConnectionString", "Data Source=" + auditFile, .. extraArgs ?? [],
        ];
        var logs = new CapturingLoggerProvider();
        var output = new StringWriter();
        var app = KetCdsServer.Build(args, builder =>
        {
            builder.Logging.ClearProviders();
            builder.Logging.SetMinimumLevel(LogLevel.Debug);
            builder.Logging.AddProvider(logs);
            logging?.Invoke(builder.Logging);
            configure?.Invoke(builder);
            builder.Services.AddSingleton(new StartupOutput(TextWriter.Synchronized(output)));
        });
        await app.StartAsync();
        return new RunningServer(app, logs, output, expectedError ?? (static _ => false)) { AuditFile = auditFile };
    }

    /// <summary>Stops the server as SIGTERM does: no new calls, calls in flight finish within the grace period.</summary>
    public Task StopAsync() => _app.StopAsync();

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        // Disposing the container flushes and closes the audit trail.
        await _app.DisposeAsync();
        var unexpected = Logs.Entries.Where(e => e.Level >= LogLevel.Error && !_expectedError(e)).ToList();
        // A class fixture's failure message is not printed by dotnet test's default console logger; CI names a file
        // (KETCDS_SERVER_TEST_ERRORS) and prints it, so an intermittent server error can be read from the CI output.
        if (unexpected.Count > 0 && Environment.GetEnvironmentVariable("KETCDS_SERVER_TEST_ERRORS") is { Length: > 0 } errorsFile)
        {
            await File.AppendAllLinesAsync(errorsFile, unexpected.Select(e => e.ToString()));
        }

        Assert.True(unexpected.Count == 0, "The server logged unexpected errors:\n" + string.Join("\n", unexpected));
    }
}

using System.Net.Http.Headers;
using System.Text;
using KetCds.Client;
using KetCds.Server;
using KetCds.Server.Internal.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace KetCds.CdsHooks.Tests.Infrastructure;

/// <summary>
/// The real KetCds server (gRPC and CDS Hooks on one loopback port) with the shipped rules and terminology map and a
/// fixed clock, so dates in the hook files mean the same every day. Callers get an HTTP client and a gRPC client.
/// Disposing it stops it and fails the test if the server logged an error.
/// </summary>
internal sealed class HookServer : IAsyncDisposable
{
    /// <summary>The day the hook files were written for (tests/cds-hooks/generate.py's TODAY).</summary>
    public static readonly DateTimeOffset Today = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly WebApplication _app;

    private const string RequestLog = "Microsoft.AspNetCore.Hosting.Diagnostics";

    private readonly Func<CapturedLog, bool> _expectedError;

    private HookServer(WebApplication app, FakeTimeProvider time, CapturingLoggerProvider logs, Func<CapturedLog, bool> expectedError)
    {
        _expectedError = expectedError;
        _app = app;
        Time = time;
        Logs = logs;
        // The gRPC listener is bound first, the CDS Hooks (HTTP/1.1) listener second.
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.ToList();
        GrpcAddress = new Uri(addresses[0]);
        Address = new Uri(addresses[1]);
        Http = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(30) };
        Grpc = new DecisionSupportClient(GrpcAddress, new DecisionSupportClientOptions { MaxRetries = 0, DefaultDeadline = TimeSpan.FromSeconds(30) });
    }

    /// <summary>The CDS Hooks listener (HTTP/1.1 and HTTP/2).</summary>
    public Uri Address { get; }

    /// <summary>The gRPC listener.</summary>
    public Uri GrpcAddress { get; }

    public HttpClient Http { get; }

    public DecisionSupportClient Grpc { get; }

    public FakeTimeProvider Time { get; }

    /// <summary>What the server logged, Information and up.</summary>
    public CapturingLoggerProvider Logs { get; }

    public static async Task<HookServer> StartAsync(IEnumerable<string>? extraArgs = null, string? rules = null, Func<CapturedLog, bool>? expectedError = null)
    {
        var time = new FakeTimeProvider(Today);
        string[] args = ["--rules", rules ?? Repository.Rules, "--host", "127.0.0.1", "--port", "0", "--KetCds:CdsHooks:Port", "0", .. extraArgs ?? []];
        var logs = new CapturingLoggerProvider();
        var app = KetCdsServer.Build(args, builder =>
        {
            builder.Logging.ClearProviders();
            builder.Logging.AddProvider(logs);
            // "Request starting" lines, so a test can wait until the server has taken a request it is about to break off.
            builder.Logging.AddFilter<CapturingLoggerProvider>(RequestLog, LogLevel.Information);
            builder.Services.AddSingleton<TimeProvider>(time);
            builder.Services.AddSingleton(new StartupOutput(TextWriter.Null));
        });
        await app.StartAsync();
        return new HookServer(app, time, logs, expectedError ?? (static _ => false));
    }

    /// <summary>True once ASP.NET Core has started a request for <paramref name="path"/> (within ten seconds).</summary>
    public Task<bool> RequestStartedAsync(string path) =>
        Eventually.TrueAsync(() => Task.FromResult(Logs.Entries.Any(e =>
            e.Category == RequestLog && e.EventId.Id == 1 && e.Message.Contains(path, StringComparison.Ordinal))));

    public Task<HttpResponseMessage> PostAsync(string path, string json, string? bearer = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        return Http.SendAsync(request);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        Grpc.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        var errors = Logs.Entries.Where(e => e.Level >= LogLevel.Error && !_expectedError(e)).ToList();
        Assert.True(errors.Count == 0, "The server logged errors:\n" + string.Join("\n", errors));
    }
}

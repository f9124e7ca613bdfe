using System.Text.Json.Nodes;
using KetCds.Cli.Tests.Support;
using KetCds.Server;
using KetCds.Server.Internal.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace KetCds.Cli.Tests.Replay;

/// <summary><c>ketcds replay --hooks</c>: recorded CDS Hooks calls replayed in process and against the server's hook listener.</summary>
public sealed class HookReplayTests
{
    private static readonly string Hooks = Path.Combine(RepositoryPaths.Root, "tests", "cds-hooks");

    [Fact]
    public async Task Replay_ShippedHookCallsInProcess_AllMatchTheirRecordedCards()
    {
        var result = await Support.Cli.RunAsync(RepositoryPaths.Root, "replay", "--hooks", Hooks);
        var count = Directory.GetFiles(Hooks, "*.json", SearchOption.AllDirectories).Count(f => !f.EndsWith("feedback.json", StringComparison.Ordinal));
        Assert.Equal(0, result.ExitCode);
        Assert.Contains($"Replayed {count} hook calls against ketcds-ketamine-pain@", result.Out, StringComparison.Ordinal);
        Assert.Contains($": {count} passed, 0 failed, 0 errors", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Replay_ChangedExpectation_FailsShowingTheCardThatDiffers()
    {
        using var workspace = new Workspace();
        var folder = Directory.CreateDirectory(workspace.PathOf("hooks")).FullName;
        var source = JsonNode.Parse(File.ReadAllText(Path.Combine(Hooks, "examples", "order-sign.json")))!.AsObject();
        var order = source["expected"]!["cards"]!.AsArray().First(c => c!["kind"]!.GetValue<string>() == "order")!;
        order["indicator"] = "info";
        File.WriteAllText(Path.Combine(folder, "order-sign.json"), source.ToJsonString());

        var result = await Support.Cli.RunAsync(RepositoryPaths.Root, "replay", "--hooks", folder);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("FAIL order-sign.json", result.Out, StringComparison.Ordinal);
        Assert.Contains("was order [info] \"Ketamine order by intranasal", result.Out, StringComparison.Ordinal);
        Assert.Contains("now order [warning] \"Ketamine order by intranasal", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Replay_HookCallsAgainstServer_AgreeWithTheRecordings()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 6, 1, 12, 0, 0, TimeSpan.Zero));
        var app = KetCdsServer.Build(["--rules", RepositoryPaths.Rules, "--host", "127.0.0.1", "--port", "0", "--KetCds:CdsHooks:Port", "0"], builder =>
        {
            builder.Logging.ClearProviders();
            builder.Services.AddSingleton<TimeProvider>(time);
            builder.Services.AddSingleton(new StartupOutput(TextWriter.Null));
        });
        await using (app)
        {
            await app.StartAsync();
            var hooksAddress = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.ElementAt(1);

            var result = await Support.Cli.RunAsync(RepositoryPaths.Root, "replay", "--hooks", Hooks, "--server", hooksAddress);
            await app.StopAsync();

            Assert.True(result.ExitCode == 0, result.Out);
            Assert.Contains($"against {hooksAddress}", result.Out, StringComparison.Ordinal);
            Assert.Contains(" 0 failed, 0 errors", result.Out, StringComparison.Ordinal);
        }
    }
}

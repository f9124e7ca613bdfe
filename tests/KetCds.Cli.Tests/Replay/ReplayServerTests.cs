using KetCds.Cli.Tests.Support;
using KetCds.Server;
using KetCds.Server.Internal.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace KetCds.Cli.Tests.Replay;

/// <summary><c>ketcds replay --server</c> against the real server (Kestrel on loopback) must say what in-process replay says.</summary>
public sealed class ReplayServerTests
{
    [Fact]
    public async Task Replay_ShippedCasesAgainstServer_AgreesWithInProcessReplayOnEveryCase()
    {
        var cases = Path.Combine(RepositoryPaths.Root, "tests", "cases");

        var (local, remote, address) = await ReplayLocallyAndAgainstServerAsync(cases);

        Assert.Equal(local.ExitCode, remote.ExitCode);
        Assert.Equal(PerCase(local.Out), PerCase(remote.Out));
        var count = Directory.GetFiles(cases, "*.json", SearchOption.AllDirectories).Length;
        Assert.Contains($"Replayed {count} cases against ", remote.Out, StringComparison.Ordinal);
        Assert.Contains($"at {address}", remote.Out, StringComparison.Ordinal);
        Assert.Contains($": {count} passed, 0 failed, 0 errors", remote.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Replay_RejectedCasesWhoseExpectationsNoLongerHold_ReportsTheSameDiffsAsInProcessReplay()
    {
        // Rejections come back as batch items (violations naming case_id are re-asked as Evaluate requests): the diffs a
        // rule author reads must still be the in-process ones, word for word, for every kind of violation shipped.
        var cases = Path.Combine(Path.GetTempPath(), "ketcds-rejected-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(cases);
        try
        {
            foreach (var file in Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "tests", "cases", "rejected"), "*.json"))
            {
                var text = File.ReadAllText(file);
                Assert.Contains("\"description\": \"", text, StringComparison.Ordinal);
                File.WriteAllText(Path.Combine(cases, Path.GetFileName(file)), text.Replace("\"description\": \"", "\"description\": \"no longer: ", StringComparison.Ordinal));
            }

            var (local, remote, _) = await ReplayLocallyAndAgainstServerAsync(cases);

            var count = Directory.GetFiles(cases, "*.json").Length;
            Assert.Equal(1, remote.ExitCode);
            Assert.Equal(count, PerCase(remote.Out).Count(static l => l.StartsWith("FAIL ", StringComparison.Ordinal)));
            Assert.Contains(PerCase(remote.Out), static l => l.Contains("request-id-too-long", StringComparison.Ordinal));
            Assert.Equal(PerCase(local.Out), PerCase(remote.Out));
        }
        finally
        {
            Directory.Delete(cases, recursive: true);
        }
    }

    // The same cases replayed in process and through `--server` against the real server on loopback (the server's
    // rules are the shipped ones, as in process).
    private static async Task<(CliResult Local, CliResult Remote, string Address)> ReplayLocallyAndAgainstServerAsync(string cases)
    {
        var app = KetCdsServer.Build(["--rules", RepositoryPaths.Rules, "--host", "127.0.0.1", "--port", "0"], builder =>
        {
            builder.Logging.ClearProviders();
            builder.Services.AddSingleton(new StartupOutput(TextWriter.Null));
        });
        await using (app)
        {
            await app.StartAsync();
            var address = StartupAnnouncer.BoundAddress(app.Services.GetRequiredService<IServer>());
            var local = await Support.Cli.RunAsync(RepositoryPaths.Root, "replay", cases);
            var remote = await Support.Cli.RunAsync(RepositoryPaths.Root, "replay", cases, "--server", address);
            await app.StopAsync();
            return (local, remote, address);
        }
    }

    // Everything but the summary's rule-set label and the coverage lines, which differ by design between the two modes.
    private static List<string> PerCase(string output) =>
        [.. output.Split('\n').Where(static l => l.Length > 0 && !l.StartsWith("Replayed ", StringComparison.Ordinal) && !l.StartsWith("Rule coverage", StringComparison.Ordinal) && !l.StartsWith("Uncovered rules", StringComparison.Ordinal))];
}

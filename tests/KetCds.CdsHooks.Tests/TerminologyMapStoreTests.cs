using System.Net.Http.Json;
using System.Text.Json.Nodes;
using KetCds.CdsHooks.Tests.Infrastructure;

namespace KetCds.CdsHooks.Tests;

/// <summary>The terminology map beside the rules reloads while the server runs; a broken edit is never applied.</summary>
public sealed class TerminologyMapStoreTests : IAsyncLifetime
{
    private readonly string _rules = Path.Combine(Path.GetTempPath(), "ketcds-hooks-" + Guid.NewGuid().ToString("N"));

    public Task InitializeAsync()
    {
        foreach (var file in Directory.EnumerateFiles(Repository.Rules, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(_rules, Path.GetRelativePath(Repository.Rules, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        Directory.Delete(_rules, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Reload_MapEditedWhileServing_NextAnswerNamesTheNewVersion_AndABrokenEditKeepsIt()
    {
        await using var server = await HookServer.StartAsync(rules: _rules);
        var path = Path.Combine(_rules, "terminology", "ketcds-terminology.json");
        var map = JsonNode.Parse(File.ReadAllText(path))!.AsObject();

        map["version"] = "1.0.1";
        await File.WriteAllTextAsync(path, map.ToJsonString());
        Assert.Equal("KetCdsTerminology@1.0.1", await VersionAfterPollAsync(server));

        map["group"]![0]!["element"]![0]!["target"]![0]!["code"] = "condition:NOT_A_CONDITION";
        map["version"] = "1.0.2";
        await File.WriteAllTextAsync(path, map.ToJsonString());
        Assert.Equal("KetCdsTerminology@1.0.1", await VersionAfterPollAsync(server));
    }

    private static async Task<string> VersionAfterPollAsync(HookServer server)
    {
        // The store polls on the server's (fake) clock: one tick past the interval, then let the poll run.
        server.Time.Advance(TimeSpan.FromSeconds(1));
        string version = string.Empty;
        for (var i = 0; i < 50; i++)
        {
            using var response = await server.Http.GetAsync("/cds-services");
            version = response.Headers.GetValues("KetCds-Terminology-Map").Single();
            if (version != "KetCdsTerminology@1.0.0")
            {
                break;
            }

            await Task.Delay(100);
        }

        return version;
    }
}

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
        // The broken edit is logged as an error (event 6001), which is what an operator should see.
        await using var server = await HookServer.StartAsync(rules: _rules, expectedError: static e => e.EventId.Id == 6001);
        var path = Path.Combine(_rules, "terminology", "ketcds-terminology.json");
        var map = JsonNode.Parse(File.ReadAllText(path))!.AsObject();

        map["version"] = "1.0.1";
        await File.WriteAllTextAsync(path, map.ToJsonString());
        Assert.Equal("KetCdsTerminology@1.0.1", await VersionAfterPollsAsync(server, until: "KetCdsTerminology@1.0.1"));

        map["group"]![0]!["element"]![0]!["target"]![0]!["code"] = "condition:NOT_A_CONDITION";
        map["version"] = "1.0.2";
        await File.WriteAllTextAsync(path, map.ToJsonString());
        // Several polls see the broken edit; none may apply it.
        Assert.Equal("KetCdsTerminology@1.0.1", await VersionAfterPollsAsync(server, until: null));
    }

    /// <summary>
    /// Lets the store poll (it polls on the server's fake clock) until the served version is <paramref name="until"/>, or
    /// ten times when that is null; a poll may run after its tick on another thread, so each round advances and waits.
    /// </summary>
    private static async Task<string> VersionAfterPollsAsync(HookServer server, string? until)
    {
        var version = string.Empty;
        for (var i = 0; i < (until is null ? 10 : 100); i++)
        {
            server.Time.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(100);
            using var response = await server.Http.GetAsync("/cds-services");
            version = response.Headers.GetValues("KetCds-Terminology-Map").Single();
            if (until is not null && version == until)
            {
                break;
            }
        }

        return version;
    }
}

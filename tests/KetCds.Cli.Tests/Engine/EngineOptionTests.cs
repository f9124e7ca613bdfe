using KetCds.Cli.Tests.Support;

namespace KetCds.Cli.Tests.Engine;

/// <summary><c>--engine nrules</c> on evaluate, explain and replay: the same answers as the default engine, labelled.</summary>
public sealed class EngineOptionTests
{
    [Fact]
    public async Task Evaluate_JsonOnNRules_SameBytesAsDefaultEngine()
    {
        using var workspace = new Workspace();

        var ketcds = await workspace.RunAsync("evaluate", "cases/eligible-initial-crps.json", "--json");
        var nrules = await workspace.RunAsync("evaluate", "cases/eligible-initial-crps.json", "--json", "--engine", "nrules");

        Assert.True(nrules.ExitCode == 0, nrules.ToString());
        Assert.Equal(ketcds.Out, nrules.Out);
    }

    [Fact]
    public async Task Explain_OnNRules_SameTreeWithTheEngineNamedInTheHeading()
    {
        using var workspace = new Workspace();

        var ketcds = await workspace.RunAsync("explain", "cases/eligible-initial-crps.json");
        var nrules = await workspace.RunAsync("explain", "cases/eligible-initial-crps.json", "--engine", "nrules");

        Assert.True(nrules.ExitCode == 0, nrules.ToString());
        var (defaultLines, nrulesLines) = (ketcds.Out.Split('\n'), nrules.Out.Split('\n'));
        Assert.EndsWith(" on nrules)", nrulesLines[0], StringComparison.Ordinal);
        Assert.Equal(defaultLines[0][..^1] + " on nrules)", nrulesLines[0]);
        Assert.Equal(defaultLines[1..], nrulesLines[1..]);
    }

    [Fact]
    public async Task Replay_OnNRules_AllCasesPassAndTheSummaryNamesTheEngine()
    {
        using var workspace = new Workspace();

        var result = await workspace.RunAsync("replay", "cases", "--engine", "nrules");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Matches(@"Replayed \d+ cases against ketcds-ketamine-pain@\S+ on nrules: \d+ passed, 0 failed, 0 errors", result.Out);
    }

    [Fact]
    public async Task Evaluate_UnknownEngine_IsAUsageError()
    {
        using var workspace = new Workspace();

        var result = await workspace.RunAsync("evaluate", "cases/eligible-initial-crps.json", "--engine", "drools");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("drools", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Replay_EngineWithServer_IsAUsageError()
    {
        using var workspace = new Workspace();

        var result = await workspace.RunAsync("replay", "cases", "--engine", "nrules", "--server", "http://127.0.0.1:1");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--engine", result.Error, StringComparison.Ordinal);
    }
}

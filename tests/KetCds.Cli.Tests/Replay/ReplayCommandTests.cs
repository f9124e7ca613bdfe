using System.Xml.Linq;
using KetCds.Cli.Tests.Support;

namespace KetCds.Cli.Tests.Replay;

public sealed class ReplayCommandTests
{
    [Fact]
    public async Task Replay_FixtureCases_AllPassWithCoverage()
    {
        using var workspace = new Workspace();

        var result = await workspace.RunAsync("replay", "cases");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains(": 4 passed, 0 failed, 0 errors", result.Out, StringComparison.Ordinal);
        Assert.Contains("Rule coverage: ", result.Out, StringComparison.Ordinal);
        Assert.Contains("route.intrathecal.recommend", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Replay_ChangedExpectation_ExitsOneWithDiffLine()
    {
        using var workspace = new Workspace();
        workspace.Replace("cases/not-eligible-first-line.json", "ELIGIBILITY_STATUS_NOT_ELIGIBLE", "ELIGIBILITY_STATUS_ELIGIBLE");

        var result = await workspace.RunAsync("replay", "cases");

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("FAIL not-eligible-first-line (cases/not-eligible-first-line.json): Migraine, no standard treatment has failed\n", result.Out, StringComparison.Ordinal);
        Assert.Contains("  eligibility: \"ELIGIBILITY_STATUS_ELIGIBLE\" -> \"ELIGIBILITY_STATUS_NOT_ELIGIBLE\"\n", result.Out, StringComparison.Ordinal);
        Assert.Contains(": 3 passed, 1 failed, 0 errors", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Replay_JUnit_WritesWellFormedXmlWithTheFailure()
    {
        using var workspace = new Workspace();
        workspace.Replace("cases/not-eligible-first-line.json", "ELIGIBILITY_STATUS_NOT_ELIGIBLE", "ELIGIBILITY_STATUS_ELIGIBLE");

        var result = await workspace.RunAsync("replay", "cases", "--junit", "out/junit.xml");

        Assert.Equal(1, result.ExitCode);
        var suite = XDocument.Load(workspace.PathOf("out/junit.xml")).Root!.Element("testsuite")!;
        Assert.Equal("4", suite.Attribute("tests")!.Value);
        Assert.Equal("1", suite.Attribute("failures")!.Value);
        var cases = suite.Elements("testcase").ToList();
        Assert.Equal(4, cases.Count);
        var failing = Assert.Single(cases, c => c.Element("failure") is not null);
        Assert.Equal("not-eligible-first-line", failing.Attribute("name")!.Value);
        Assert.Contains("eligibility: \"ELIGIBILITY_STATUS_ELIGIBLE\" -> \"ELIGIBILITY_STATUS_NOT_ELIGIBLE\"", failing.Element("failure")!.Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Replay_Update_RewritesTheExpectationKeepingTitleAndSecondReplayPasses()
    {
        using var workspace = new Workspace();
        var original = workspace.Read("cases/not-eligible-first-line.json");
        workspace.Replace("cases/not-eligible-first-line.json", "ELIGIBILITY_STATUS_NOT_ELIGIBLE", "ELIGIBILITY_STATUS_ELIGIBLE");

        var update = await workspace.RunAsync("replay", "cases", "--update");
        var again = await workspace.RunAsync("replay", "cases");

        Assert.True(update.ExitCode == 0, update.ToString());
        Assert.Contains("  updated cases/not-eligible-first-line.json with the current decision", update.Out, StringComparison.Ordinal);
        Assert.Equal(original, workspace.Read("cases/not-eligible-first-line.json"));
        Assert.True(again.ExitCode == 0, again.ToString());
    }

    [Fact]
    public async Task Replay_UnreadableCase_CountsAsErrorAndExitsOne()
    {
        using var workspace = new Workspace();
        workspace.Write("cases/zz-broken.json", "{ \"id\": \"zz\", \"request\": {} }");

        var result = await workspace.RunAsync("replay", "cases");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("ERROR cases/zz-broken.json: the case has neither an 'expected' decision nor a 'rejected' expectation", result.Out, StringComparison.Ordinal);
        Assert.Contains(": 4 passed, 0 failed, 1 errors", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Replay_ServerNotListening_ExitsTwoWithOneLineError()
    {
        using var workspace = new Workspace();
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var result = await workspace.RunAsync("replay", "cases", "--server", $"http://127.0.0.1:{port}");

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith($"error: cannot replay against http://127.0.0.1:{port}/: ", result.Error, StringComparison.Ordinal);
        Assert.Single(result.Error.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public async Task Replay_ServerNotAUrl_IsAUsageError()
    {
        using var workspace = new Workspace();

        var result = await workspace.RunAsync("replay", "cases", "--server", "localhost:50051");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--server must be an absolute http:// or https:// URL", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Replay_RulesAndServerTogether_IsAUsageError()
    {
        using var workspace = new Workspace();

        var result = await workspace.RunAsync("replay", "cases", "--rules", "rules", "--server", "http://127.0.0.1:50051");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("not both", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Replay_MissingCasesDirectory_ExitsTwo()
    {
        using var workspace = new Workspace();

        var result = await workspace.RunAsync("replay", "missing");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("error: cases directory 'missing' does not exist\n", result.Error);
    }
}

using KetCds.Cli.Tests.Support;

namespace KetCds.Cli.Tests.Coverage;

public sealed class CoverageCommandTests
{
    [Fact]
    public async Task Coverage_FixtureCases_CountsRulesAndListsUncovered()
    {
        using var workspace = new Workspace();

        var result = await workspace.RunAsync("coverage", "cases");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("4 cases from cases against ketcds-ketamine-pain@", result.Out, StringComparison.Ordinal);
        Assert.Contains(": 3 evaluated, 1 rejected", result.Out, StringComparison.Ordinal);
        Assert.Matches(@"│ eligibility\.eligible\s+│ 2\s+│ 1\s+│ 0\s+│ yes", result.Out);
        Assert.Contains("  - route.intrathecal.recommend: ", result.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("  - eligibility.eligible: ", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Coverage_Html_WritesEscapedReportWithUncoveredRules()
    {
        using var workspace = new Workspace();

        var result = await workspace.RunAsync("coverage", "cases", "--html", "coverage.html");

        Assert.True(result.ExitCode == 0, result.ToString());
        var html = workspace.Read("coverage.html");
        Assert.Contains("<tr class=\"uncovered\"><td><code>route.intrathecal.recommend</code></td>", html, StringComparison.Ordinal);
        Assert.Contains("<h2>Uncovered rules</h2>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<tr class=\"uncovered\"><td><code>eligibility.eligible</code>", html, StringComparison.Ordinal);
    }
}

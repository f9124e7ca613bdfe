using KetCds.Cli.Tests.Support;

namespace KetCds.Cli.Tests.Diff;

public sealed class DiffCommandTests
{
    private const string ReliefBefore = "relief_min: 3 hours, relief_max: 2 weeks}";
    private const string ReliefAfter = "relief_min: 3 hours, relief_max: 3 weeks}";
    private const string ExpectedChange =
        "[Relief range] route.iv.single-infusion: relief per review.initial-infusion-hours-to-weeks: 3 hours – 2 weeks → 3 hours – 3 weeks";

    [Fact]
    public async Task Diff_OneRuleChanged_ListsOnlyTheAffectedCaseAndTheChange()
    {
        using var workspace = ChangedWorkspace();

        var result = await workspace.RunAsync("diff", "--from", "rules", "--to", "rules-new", "cases");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("4 cases compared: 1 changed, 3 unchanged", result.Out, StringComparison.Ordinal);
        Assert.Contains("\neligible-initial-crps: CRPS after failed nerve blocks, first ketamine treatment (cases/eligible-initial-crps.json)\n  " + ExpectedChange + "\n", result.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("maintenance-unknown-response", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Diff_SameRules_ReportsNoChangesAndExitsZero()
    {
        using var workspace = new Workspace();

        var result = await workspace.RunAsync("diff", "--from", "rules", "--to", "rules", "cases");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("4 cases compared: 0 changed, 4 unchanged", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Diff_MarkdownReport_ListsTheChangePerCase()
    {
        using var workspace = ChangedWorkspace();

        var result = await workspace.RunAsync("diff", "--from", "rules", "--to", "rules-new", "cases", "--report", "diff.md");

        Assert.True(result.ExitCode == 0, result.ToString());
        var markdown = workspace.Read("diff.md");
        Assert.StartsWith("# Decision diff\n", markdown, StringComparison.Ordinal);
        Assert.Contains("\n## eligible-initial-crps: CRPS after failed nerve blocks, first ketamine treatment\n", markdown, StringComparison.Ordinal);
        Assert.Contains("- **Relief range:** route.iv.single-infusion: relief per review.initial-infusion-hours-to-weeks: 3 hours – 2 weeks → 3 hours – 3 weeks\n", markdown, StringComparison.Ordinal);
        Assert.Contains("`routes[route.iv.single-infusion].relief[review.initial-infusion-hours-to-weeks].range.upper.value: 2 -> 3`", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("Generated:", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Diff_HtmlReport_EscapesCaseContent()
    {
        using var workspace = ChangedWorkspace();
        workspace.Replace("cases/eligible-initial-crps.json", "CRPS after failed nerve blocks", "CRPS <script>alert(1)</script> & blocks");

        var result = await workspace.RunAsync("diff", "--from", "rules", "--to", "rules-new", "cases", "--report", "diff.html");

        Assert.True(result.ExitCode == 0, result.ToString());
        var html = workspace.Read("diff.html");
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.Contains("CRPS &lt;script&gt;alert(1)&lt;/script&gt; &amp; blocks", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.Contains("3 hours – 2 weeks → 3 hours – 3 weeks", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Diff_Timestamp_StampsTheReportFromTheClock()
    {
        using var workspace = ChangedWorkspace();

        await workspace.RunAsync("diff", "--from", "rules", "--to", "rules-new", "cases", "--report", "diff.md", "--timestamp");

        Assert.Contains("- Generated: 2025-03-04 05:06:07Z\n", workspace.Read("diff.md"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Diff_BrokenNewRules_ExitsTwoAndPrintsTheErrors()
    {
        using var workspace = new Workspace();
        Workspace.Copy(workspace.PathOf("rules"), workspace.PathOf("rules-new"));
        workspace.Replace("rules-new/eligibility.yaml", "failed_treatments:", "failed_treatment:");

        var result = await workspace.RunAsync("diff", "--from", "rules", "--to", "rules-new", "cases");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("rules-new/eligibility.yaml:", result.Error, StringComparison.Ordinal);
        Assert.Contains("did you mean 'failed_treatments'?", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Diff_UnknownReportExtension_IsAUsageError()
    {
        using var workspace = new Workspace();

        var result = await workspace.RunAsync("diff", "--from", "rules", "--to", "rules", "cases", "--report", "diff.pdf");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("use .md (Markdown) or .html (HTML)", result.Error, StringComparison.Ordinal);
    }

    private static Workspace ChangedWorkspace()
    {
        var workspace = new Workspace();
        Workspace.Copy(workspace.PathOf("rules"), workspace.PathOf("rules-new"));
        workspace.Replace("rules-new/routes/intravenous.yaml", ReliefBefore, ReliefAfter);
        return workspace;
    }
}

using KetCds.Cli.Tests.Support;

namespace KetCds.Cli.Tests.Review;

public sealed class ReviewTableCommandTests
{
    private static readonly string Cases = Path.Combine(RepositoryPaths.Root, "tests", "cases");

    [Fact]
    public async Task ReviewTable_RealRulesAndCases_ListsEveryRuleWithConditionsCitationsKindsAndCases()
    {
        using var workspace = new Workspace();

        var result = await workspace.RunAsync("review-table", "--cases", Cases, "--output", "review.md");

        Assert.True(result.ExitCode == 0, result.ToString());
        var md = workspace.Read("review.md");
        foreach (var section in new[] { "## Eligibility", "## Recommendations (routes and protocols)", "## Risks and alerts", "## Sources" })
        {
            Assert.Contains(section, md, StringComparison.Ordinal);
        }

        // Every rule of the real rule set has a row, and every row names at least one case (the suite fires every rule).
        var rules = Directory.EnumerateFiles(RepositoryPaths.Rules, "*.yaml", SearchOption.AllDirectories)
            .Where(f => !Path.GetRelativePath(RepositoryPaths.Rules, f).StartsWith("sources", StringComparison.Ordinal))
            .SelectMany(File.ReadLines)
            .Where(l => l.StartsWith("  - id: ", StringComparison.Ordinal))
            .Select(l => l["  - id: ".Length..].Trim())
            .ToList();
        Assert.True(rules.Count > 100, $"only {rules.Count} rule ids found");
        Assert.All(rules, id => Assert.Contains($"| `{id}`<br>", md, StringComparison.Ordinal));
        Assert.DoesNotContain("no case fires it", md, StringComparison.Ordinal);

        var intrathecal = Row(md, "route.intrathecal.decide");
        Assert.Contains("eligibility is eligible and conditions include any of: refractory cancer pain and current medications include any of: opioid", intrathecal, StringComparison.Ordinal);
        Assert.Contains("`review.intrathecal-cancer-pain` (review-article)", intrathecal, StringComparison.Ordinal);
        Assert.Contains("`refractory-cancer-pain-intrathecal`", intrathecal, StringComparison.Ordinal);
        Assert.Contains("(product-promotion)", Row(md, "risk.interaction.opioid"), StringComparison.Ordinal);
        Assert.Contains("A clinician can give it moderate weight", md, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReviewTable_Html_IsEscapedAndMarksSourceKinds()
    {
        using var workspace = new Workspace();
        workspace.Replace("rules/risks.yaml", "title: Opioids may interact", "title: Opioids <b>may</b> interact");

        var result = await workspace.RunAsync("review-table", "--cases", "cases", "--format", "html", "--output", "review.html");

        Assert.True(result.ExitCode == 0, result.ToString());
        var html = workspace.Read("review.html");
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.Contains("Opioids &lt;b&gt;may&lt;/b&gt; interact", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>may</b>", html, StringComparison.Ordinal);
        Assert.Contains("<span class=\"kind-product-promotion\">product-promotion</span>", html, StringComparison.Ordinal);
        // The fixture cases fire only part of the rule set: the rules they leave unexercised are flagged.
        Assert.Contains("<td class=\"none\">no case fires it", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReviewTable_UnknownFormat_IsAUsageError()
    {
        using var workspace = new Workspace();

        var result = await workspace.RunAsync("review-table", "--cases", "cases", "--format", "pdf");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("pdf", result.Error, StringComparison.Ordinal);
    }

    private static string Row(string markdown, string ruleId) =>
        markdown.Split('\n').Single(l => l.StartsWith($"| `{ruleId}`<br>", StringComparison.Ordinal));
}

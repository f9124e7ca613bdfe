using KetCds.Cli.Tests.Support;
using KetCds.Rules;

namespace KetCds.Cli.Tests.Explain;

public sealed class ExplainCommandTests
{
    [Fact]
    public async Task Explain_EligibleCase_TreeReachesFactsAndCitations()
    {
        using var workspace = new Workspace();
        var ruleSet = RuleSetLoader.Load(workspace.PathOf("rules")).RuleSet!;
        var claim = ruleSet.Catalog.FindClaim(ruleSet.Compiled.FindRule("eligibility.eligible")!.Citations[0])!;

        var result = await workspace.RunAsync("explain", "cases/eligible-initial-crps.json");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("├── eligibility = eligible", result.Out, StringComparison.Ordinal);
        Assert.Contains("rule eligibility.eligible: ", result.Out, StringComparison.Ordinal);
        Assert.Contains("(rules/eligibility.yaml:", result.Out, StringComparison.Ordinal);
        Assert.Contains("fact conditions = [crps] (input)", result.Out, StringComparison.Ordinal);
        Assert.Contains($"cites {claim.Id}: source {claim.DocumentId}, section \"{claim.Section}\"", Unwrapped(result.Out), StringComparison.Ordinal);
        Assert.Contains("recommendation route.iv.single-infusion", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Explain_SameCaseTwice_IsByteIdentical()
    {
        using var workspace = new Workspace();

        var first = await workspace.RunAsync("explain", "cases/maintenance-unknown-response.json");
        var second = await workspace.RunAsync("explain", "cases/maintenance-unknown-response.json");

        Assert.Equal(first.Out, second.Out);
    }

    [Fact]
    public async Task Explain_WhyNotRouteBlockedByMissingData_NamesConditionLocationAndMissingFact()
    {
        using var workspace = new Workspace();
        var (line, _) = workspace.Position("rules/routes/intravenous.yaml", "when: {route_iv_single: true}");

        var result = await workspace.RunAsync("explain", "requests/bare-request.json", "--why-not", "route.iv.single-infusion");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("route.iv.single-infusion: not produced in this evaluation", result.Out, StringComparison.Ordinal);
        Assert.Contains("- rule route.iv.single.recommend: Recommend a single subanesthetic IV infusion [unknown: missing data]", result.Out, StringComparison.Ordinal);
        Assert.Contains("blocked by: route_iv_single == true", result.Out, StringComparison.Ordinal);
        Assert.Contains($"at rules/routes/intravenous.yaml:{line}:", result.Out, StringComparison.Ordinal);
        Assert.Contains("premise route_iv_single was not derived:", result.Out, StringComparison.Ordinal);
        Assert.Contains("missing facts that would decide it: ketamine_sessions_last_12_months", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Explain_WhyNotDerivedFact_IsAccepted()
    {
        using var workspace = new Workspace();

        var result = await workspace.RunAsync("explain", "cases/not-eligible-first-line.json", "--why-not", "refractory_pain");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("refractory_pain: not produced in this evaluation", result.Out, StringComparison.Ordinal);
        Assert.Contains("- rule eligibility.refractory-pain: ", result.Out, StringComparison.Ordinal);
        Assert.Contains("[false]", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Explain_UnknownCode_ListsCloseMatches()
    {
        using var workspace = new Workspace();

        var result = await workspace.RunAsync("explain", "cases/eligible-initial-crps.json", "--why-not", "route.iv.boster");

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("error: 'route.iv.boster' is neither an outcome code nor a derived fact of this rule set; close matches: route.iv.booster", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Explain_MistypedPrefixOfLongerCode_SuggestsIt()
    {
        using var workspace = new Workspace();

        var result = await workspace.RunAsync("explain", "requests/bare-request.json", "--why-not", "route.iv.singel");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("route.iv.single-infusion", result.Error, StringComparison.Ordinal);
    }

    // The tree wraps long lines at 120 columns; join the continuation lines so assertions can read whole sentences.
    private static string Unwrapped(string tree) =>
        string.Join(" ", tree.Split('\n').Select(l => l.TrimStart(' ', '│', '├', '└', '─').TrimEnd()));
}

using KetCds.Cli.Tests.Support;
using KetCds.Rules;

namespace KetCds.Cli.Tests.Lint;

public sealed class LintCommandTests
{
    [Fact]
    public async Task Lint_ShippedRules_ExitsZeroWithSummary()
    {
        using var workspace = new Workspace();

        var result = await workspace.RunAsync("lint", "rules");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("ketcds-ketamine-pain@", result.Out, StringComparison.Ordinal);
        Assert.Contains("0 errors", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lint_PlantedErrors_ReportsEveryPositionAndSuggestion()
    {
        using var workspace = new Workspace();
        workspace.Replace("rules/eligibility.yaml", "failed_treatments:", "failed_treatment:");
        workspace.Replace("rules/eligibility.yaml", "review.second-line-severe", "review.second-line-sever");
        var fact = workspace.Position("rules/eligibility.yaml", "failed_treatment:");
        var claim = workspace.Position("rules/eligibility.yaml", "review.second-line-sever");

        var result = await workspace.RunAsync("lint", "rules");

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains($"rules/eligibility.yaml:{fact.Line}:{fact.Column}: unknown fact 'failed_treatment' (did you mean 'failed_treatments'?)", result.Out, StringComparison.Ordinal);
        Assert.Contains($"rules/eligibility.yaml:{claim.Line}:{claim.Column}: ", result.Out, StringComparison.Ordinal);
        Assert.Contains("(did you mean 'review.second-line-severe'?)", result.Out, StringComparison.Ordinal);
        Assert.Contains("2 errors", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lint_RenameTheClinicalLayerCannotMap_ReportsItAtTheDeclarationAndExitsOne()
    {
        // Renamed consistently, the rules are valid on their own; only the clinical layer's contract catches it.
        using var workspace = new Workspace();
        workspace.Replace("rules/vocabulary.yaml", "  pain_severity_nrs:", "  pain_severity:");
        foreach (var file in Directory.EnumerateFiles(workspace.PathOf("rules"), "*.yaml", SearchOption.AllDirectories))
        {
            File.WriteAllText(file, File.ReadAllText(file).Replace("pain_severity_nrs", "pain_severity", StringComparison.Ordinal));
        }

        var declared = workspace.Position("rules/vocabulary.yaml", "pain_severity:");

        var result = await workspace.RunAsync("lint", "rules");

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains(
            $"rules/vocabulary.yaml:{declared.Line}:{declared.Column}: input fact 'pain_severity' is not one the clinical layer supplies, so no request can set it (did you mean 'pain_severity_nrs'?)",
            result.Out,
            StringComparison.Ordinal);
        Assert.Contains("the clinical layer supplies input fact 'pain_severity_nrs' from patient.pain_severity_nrs, but the vocabulary does not declare it", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lint_MissingDirectory_ExitsTwoWithOneLineError()
    {
        using var workspace = new Workspace();

        var result = await workspace.RunAsync("lint", "no-such-rules");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("error: rules directory 'no-such-rules' does not exist\n", result.Error);
    }

    [Fact]
    public async Task Lint_UncitedClaim_WarnsButExitsZero()
    {
        using var workspace = new Workspace();
        var ruleSet = RuleSetLoader.Load(workspace.PathOf("rules")).RuleSet!;
        var (claim, rule) = ruleSet.Compiled.Model.Rules
            .Where(r => r.Citations.Length >= 2)
            .SelectMany(r => r.Citations.Select(c => (Claim: c, Rule: r)))
            .First(x => ruleSet.RulesCiting(x.Claim).Length == 1 && workspace.Read("rules/" + x.Rule.Location!.File).Contains(x.Claim + ", ", StringComparison.Ordinal));
        workspace.Replace("rules/" + rule.Location!.File, claim + ", ", string.Empty);

        var result = await workspace.RunAsync("lint", "rules");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains($"warning: claim '{claim}' is cited by no rule", result.Out, StringComparison.Ordinal);
        Assert.Contains("(1 uncited)", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lint_WithCases_WarnsAboutRulesNoCaseFires()
    {
        using var workspace = new Workspace();
        var (line, column) = workspace.Position("rules/routes/other-routes.yaml", "id: route.intrathecal.recommend");

        var result = await workspace.RunAsync("lint", "rules", "--cases", "cases");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains($"rules/routes/other-routes.yaml:{line}:{column}: warning: rule 'route.intrathecal.recommend' is fired by no case in cases", result.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("rule 'eligibility.eligible' is fired by no case", result.Out, StringComparison.Ordinal);
        Assert.Contains("4 cases replayed from cases", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lint_DocumentsWithoutTexts_ReportsLocatorErrors()
    {
        using var workspace = new Workspace();
        Directory.CreateDirectory(workspace.PathOf("empty-documents"));

        var result = await workspace.RunAsync("lint", "rules", "--documents", "empty-documents");

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("rules/sources/000_7cc7f82cad53df9d.yaml:", result.Out, StringComparison.Ordinal);
    }
}

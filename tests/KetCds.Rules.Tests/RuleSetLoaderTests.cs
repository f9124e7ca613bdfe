namespace KetCds.Rules.Tests;

/// <summary>Loading a whole rule set: the happy path, the directory, the file layout. Each reader's errors are tested next to it, under Internal/.</summary>
public class RuleSetLoaderTests
{
    [Fact]
    public void Load_ValidFixture_Succeeds()
    {
        using var set = TempRuleSet.Copy();
        var result = set.Load();
        Assert.Empty(set.Render(result.Errors));
        Assert.Empty(set.Render(result.Warnings));
        Assert.True(result.Succeeded);
        Assert.Equal("fixture-pain", result.RuleSet.Manifest.Name);
        Assert.Equal("1.2.0", result.RuleSet.Identity.Version);
        Assert.Equal(7, result.RuleSet.Compiled.Model.Rules.Length);
        Assert.Same(set.Directory, result.RuleSet.Directory);
    }

    [Fact]
    public void Load_ValidFixture_PositionsModelElementsRelativeToTheDirectory()
    {
        using var set = TempRuleSet.Copy();
        var rule = set.Load().RuleSet!.Compiled.FindRule("risk.bladder")!;
        Assert.Equal("risks.yaml:2:5", rule.Location!.ToString());
        Assert.Equal("risks.yaml:6:12", rule.When.Location!.ToString());
        Assert.Equal("risks.yaml:8:9", rule.Then[0].Location!.ToString());
        var fact = set.Load().RuleSet!.Compiled.FindFact("pain_score")!;
        Assert.Equal("vocabulary.yaml:6:3", fact.Location!.ToString());
    }

    [Fact]
    public void Load_MissingDirectory_ReportsTheDirectory()
    {
        using var set = TempRuleSet.Empty();
        var missing = Path.Combine(set.Root, "nope");
        var result = RuleSetLoader.Load(missing);
        Assert.False(result.Succeeded);
        Assert.Equal([$"{missing}:1:1: the rule-set directory does not exist"], result.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void Load_DirectoryGivenWithTrailingSlash_NamesFilesWithOneSlash()
    {
        using var set = TempRuleSet.Copy();
        set.Delete("ruleset.yaml");
        var result = RuleSetLoader.Load(set.Directory + "/");
        Assert.Equal(set.Directory + "/ruleset.yaml", result.Errors.Single().File);
    }

    [Fact]
    public void Load_YmlFile_IsIgnoredWithAWarning()
    {
        using var set = TempRuleSet.Copy();
        set.Write("extra.yml", "rules: nonsense\n");
        var result = set.Load();
        Assert.True(result.Succeeded);
        Assert.Equal(["rules/extra.yml:1:1: this file is ignored: rule-set files end in '.yaml'"], set.Render(result.Warnings));
    }
}

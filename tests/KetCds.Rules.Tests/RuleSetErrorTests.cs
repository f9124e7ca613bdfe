namespace KetCds.Rules.Tests;

public class RuleSetErrorTests
{
    [Fact]
    public void ToString_WithSuggestion_AddsDidYouMean()
    {
        Assert.Equal("rules/a.yaml:3:7: unknown fact 'pain' (did you mean 'pain_score'?)", new RuleSetError("rules", "a.yaml", 3, 7, "unknown fact 'pain'", "pain_score").ToString());
        Assert.Equal("rules/a.yaml:1:1: bad", new RuleSetError("rules", "a.yaml", 1, 1, "bad").ToString());
    }

    [Fact]
    public void File_DirectoryProblem_IsTheRootAlone()
    {
        var error = new RuleSetError("rules", null, 1, 1, "the rule-set directory does not exist");
        Assert.Equal("rules", error.File);
        Assert.Equal("elsewhere:1:1: the rule-set directory does not exist", (error with { Root = "elsewhere" }).ToString());
    }

    [Fact]
    public void File_EmptyRoot_IsTheRelativePath()
    {
        Assert.Equal("routes/a.yaml", new RuleSetError(string.Empty, "routes/a.yaml", 2, 3, "bad").File);
    }
}

namespace KetCds.Rules.Tests;

public class RuleFileErrorTests
{
    [Fact]
    public void ToString_WithSuggestion_AddsDidYouMean()
    {
        Assert.Equal("rules/a.yaml:3:7: unknown fact 'pain' (did you mean 'pain_score'?)", new RuleFileError("rules/a.yaml", 3, 7, "unknown fact 'pain'", "pain_score").ToString());
        Assert.Equal("rules/a.yaml:1:1: bad", new RuleFileError("rules/a.yaml", 1, 1, "bad").ToString());
    }
}

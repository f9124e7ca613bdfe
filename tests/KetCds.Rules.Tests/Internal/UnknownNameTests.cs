using KetCds.Engine;
using KetCds.Rules.Internal;

namespace KetCds.Rules.Tests.Internal;

public class UnknownNameTests
{
    [Theory]
    [InlineData("titel", "title")]
    [InlineData("pain_scor", "pain_score")]
    [InlineData("Title", "title")]
    [InlineData("descripton", "description")]
    public void Suggest_NearName_IsSuggested(string typo, string expected) =>
        Assert.Equal(expected, NameSuggester.Suggest(typo, ["title", "cites", "pain_score", "description"]));

    [Fact]
    public void Suggest_NothingNear_IsNull() => Assert.Null(NameSuggester.Suggest("zzzzzz", ["title", "cites"]));

    [Fact]
    public void Unknown_WithoutSuggestion_ListsTheAllowedNames()
    {
        Assert.Equal(("unknown key 'zz' in a rule (allowed: a1, b1)", (string?)null), UnknownName.Message("key", "zz", ["a1", "b1"], where: " in a rule"));
        Assert.Equal(("unknown key 'a2' in a rule", "a1"), UnknownName.Message("key", "a2", ["a1", "bbbb"], where: " in a rule"));
    }
}

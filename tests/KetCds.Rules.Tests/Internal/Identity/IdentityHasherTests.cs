namespace KetCds.Rules.Tests.Internal.Identity;

public class IdentityHasherTests
{
    [Fact]
    public void Identity_SameMeaningWrittenDifferently_IsEqual()
    {
        using var valid = TempRuleSet.Copy("valid");
        using var reformatted = TempRuleSet.Copy("reformatted");
        var a = valid.Load();
        var b = reformatted.Load();
        Assert.Empty(reformatted.Render(b.Errors));
        Assert.Equal(a.RuleSet!.Identity, b.RuleSet!.Identity);
        Assert.Equal(a.RuleSet.Compiled.ModelHash, b.RuleSet.Compiled.ModelHash);
    }

    [Fact]
    public void Identity_LoadedTwice_IsEqualAndRendersNameVersionAndHash()
    {
        using var set = TempRuleSet.Copy();
        var first = set.Load().RuleSet!.Identity;
        var second = set.Load().RuleSet!.Identity;
        Assert.Equal(first, second);
        Assert.Matches("^[0-9a-f]{64}$", first.ContentSha256);
        Assert.Equal($"fixture-pain@1.2.0+{first.ContentSha256[..12]}", first.ToString());
    }

    [Theory]
    [InlineData("sources/doc.yaml", "says: Repeated ketamine can harm the bladder.", "says: Repeated ketamine can damage the bladder.")]
    [InlineData("sources/doc.yaml", "marker: \"[2]\"", "marker: \"[3]\"")]
    [InlineData("sources/doc.yaml", "not_encoded: Mechanism is background", "not_encoded: Mechanism is context")]
    [InlineData("sources/doc.yaml", "A made-up review", "An invented review")]
    [InlineData("risks.yaml", "text: Monitor urinary symptoms.", "text: Watch urinary symptoms.")]
    [InlineData("severity.yaml", "between: [7, 10]", "between: [6, 10]")]
    [InlineData("eligibility/chronic.yaml", "priority: 10", "priority: 11")]
    [InlineData("vocabulary.yaml", "description: Route of administration.", "description: How it is given.")]
    [InlineData("vocabulary.yaml", "description: Body weight.", "description: Weight.")]
    [InlineData("ruleset.yaml", "version: 1.2.0", "version: 1.2.1")]
    public void Identity_ChangeOfMeaning_ChangesTheHash(string file, string old, string replacement)
    {
        using var set = TempRuleSet.Copy();
        var before = set.Load().RuleSet!.Identity;
        set.Replace(file, old, replacement);
        var after = set.Load();
        Assert.Empty(set.Render(after.Errors));
        Assert.NotEqual(before.ContentSha256, after.RuleSet!.Identity.ContentSha256);
    }

    [Fact]
    public void Identity_CommentsBlankLinesAndRenamedFile_DoNotChangeIt()
    {
        using var set = TempRuleSet.Copy();
        var before = set.Load().RuleSet!.Identity;
        set.Write("moved/severity-rules.yaml", "# moved here\n\n" + set.Read("severity.yaml").Replace("\n", "\n\n", StringComparison.Ordinal));
        set.Delete("severity.yaml");
        Assert.Equal(before, set.Load().RuleSet!.Identity);
    }
}

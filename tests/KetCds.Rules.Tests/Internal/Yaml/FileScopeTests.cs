namespace KetCds.Rules.Tests.Internal.Yaml;

/// <summary>A node of the wrong shape, as the loader reports it.</summary>
public class FileScopeTests
{
    [Fact]
    public void Load_WrongShape_NamesTheExpectedShape()
    {
        using var set = TempRuleSet.Copy();
        set.Write("extra.yaml", TempRuleSet.Head + "    when: {pain_score: 3}\n    then: {derive: {severity: mild}}\n");
        set.AssertLoadErrors("rules/extra.yaml:6:11: 'then' of rule 'extra.one' must be a list, but is a mapping");
    }
}

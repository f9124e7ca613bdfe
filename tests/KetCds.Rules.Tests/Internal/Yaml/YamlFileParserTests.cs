namespace KetCds.Rules.Tests.Internal.Yaml;

/// <summary>YAML syntax, one document per file and duplicate keys, as the loader reports them.</summary>
public class YamlFileParserTests
{
    [Fact]
    public void Load_YamlSyntaxError_IsPositionedAndOtherFilesAreStillChecked()
    {
        using var set = TempRuleSet.Copy();
        set.Write("a-broken.yaml", "rules:\n  - id: [unclosed\n    title: x\n");
        set.Write("extra.yaml", TempRuleSet.Head + "    when: {pain_scor: 3}\n    then: [derive: {severity: mild}]\n");
        set.Write("b-broken.yaml", "rules:\n  - id: a\n   title: b\n");
        set.AssertLoadErrors(
            "rules/a-broken.yaml:2:9: YAML syntax error: the file cannot be read past this point; look for an unclosed '[' or '{', or a stray ':'",
            "rules/b-broken.yaml:3:4: YAML syntax error: While parsing a block collection, did not find expected '-' indicator",
            "rules/extra.yaml:5:12: unknown fact 'pain_scor' (did you mean 'pain_score'?)");
    }

    [Fact]
    public void Load_TwoYamlDocumentsInAFile_IsAnError()
    {
        using var set = TempRuleSet.Copy();
        set.Write("extra.yaml", "rules: []\n---\nrules: []\n");
        set.AssertLoadErrors("rules/extra.yaml:3:1: a rule-set file holds one YAML document; remove the '---' separator and what follows or move it to its own file");
    }

    [Fact]
    public void Load_DuplicateFact_IsReportedAtTheSecondKey()
    {
        using var set = TempRuleSet.Copy();
        set.Replace("vocabulary.yaml", "facts:\n", "facts:\n  pain_score:\n    type: decimal\n    description: Again.\n");
        set.AssertLoadErrors("rules/vocabulary.yaml:9:3: key 'pain_score' appears more than once in this mapping");
    }
}

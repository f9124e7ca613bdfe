namespace KetCds.Rules.Tests.Internal.Rules;

/// <summary>Rule files: empty files, rule ids and citations, as the loader reports them.</summary>
public class RuleFileReaderTests
{
    [Fact]
    public void Load_EmptyRuleFile_IsAnError()
    {
        using var set = TempRuleSet.Copy();
        set.Write("extra.yaml", "# nothing yet\n");
        set.AssertLoadErrors("rules/extra.yaml:1:1: the rule file is empty; it must hold 'rules:' and a list of rules");
    }

    [Fact]
    public void Load_EmittingRuleWithoutCitations_IsAnError()
    {
        using var set = TempRuleSet.Copy();
        set.Write("extra.yaml", TempRuleSet.Head + "    when: {pain_score: 3}\n    then: [alert: {code: a.b, text: T}]\n");
        set.Write("extra2.yaml", TempRuleSet.Head.Replace("extra.one", "extra.two", StringComparison.Ordinal) + "    cites: []\n    when: {pain_score: 3}\n    then: [alert: {code: a.b, text: T}]\n");
        set.AssertLoadErrors(
            "rules/extra.yaml:2:5: rule 'extra.one' emits an outcome but cites no claims; add 'cites:' with the claims it rests on",
            "rules/extra2.yaml:5:12: rule 'extra.two' emits an outcome, so 'cites' must list the claims it rests on");
    }

    [Fact]
    public void Load_BadRuleId_StillChecksTheRestOfTheRule()
    {
        using var set = TempRuleSet.Copy();
        set.Write("extra.yaml", """
            rules:
              - id: Extra One
                title: Extra
                description: A rule with a bad id.
                when: {pain_score: loud}
                then: [derive: {severity: mild}]
            """);
        set.AssertLoadErrors(
            "rules/extra.yaml:2:9: rule id 'Extra One' is not valid: use lower-case letters and digits, separated by '.' or '-'",
            "rules/extra.yaml:5:24: fact 'pain_score' is an integer: write a whole number, not 'loud'");
    }
}

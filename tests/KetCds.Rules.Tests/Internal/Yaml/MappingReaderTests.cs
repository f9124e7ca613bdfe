namespace KetCds.Rules.Tests.Internal.Yaml;

/// <summary>Unknown and missing keys of a mapping, as the loader reports them.</summary>
public class MappingReaderTests
{
    [Fact]
    public void Load_UnknownKey_SuggestsTheNearestAllowedKey()
    {
        using var set = TempRuleSet.Copy();
        set.Write("extra.yaml", """
            rules:
              - id: extra.one
                titel: Typo
                description: A rule with a typo.
                when: {pain_score: 3}
                then:
                  - derive: {severity: mild}
            """);
        set.AssertLoadErrors(
            "rules/extra.yaml:2:5: a rule is missing required key 'title'",
            "rules/extra.yaml:3:5: unknown key 'titel' in a rule (did you mean 'title'?)");
    }

    [Fact]
    public void Load_UnknownKeyWithNothingNear_ListsTheAllowedKeys()
    {
        using var set = TempRuleSet.Copy();
        set.Replace("ruleset.yaml", "version: 1.2.0\n", "version: 1.2.0\nzzzzzzzz: 1\n");
        set.AssertLoadErrors("rules/ruleset.yaml:4:1: unknown key 'zzzzzzzz' in the manifest (allowed: name, version, description)");
    }

    [Fact]
    public void Load_MissingRequiredKey_IsReportedAtTheMapping()
    {
        using var set = TempRuleSet.Copy();
        set.Write("extra.yaml", TempRuleSet.Head + "    then: [derive: {severity: mild}]\n");
        set.AssertLoadErrors("rules/extra.yaml:2:5: a rule is missing required key 'when'");
    }
}

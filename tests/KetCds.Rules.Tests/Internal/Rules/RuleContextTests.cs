namespace KetCds.Rules.Tests.Internal.Rules;

/// <summary>Unknown fact and attribute names in a rule, as the loader reports them.</summary>
public class RuleContextTests
{
    [Fact]
    public void Load_UnknownFactInCondition_IsReportedOnceWithSuggestion()
    {
        using var set = TempRuleSet.Copy();
        set.Write("extra.yaml", TempRuleSet.Head + """
                when:
                  all:
                    - pain_scor: {at_least: 3, at_most: 5}
                    - absent: liver_dysfuncton
                then:
                  - derive: {severity: mild}
            """);
        set.AssertLoadErrors(
            "rules/extra.yaml:7:11: unknown fact 'pain_scor' (did you mean 'pain_score'?)",
            "rules/extra.yaml:8:19: unknown fact 'liver_dysfuncton' (did you mean 'liver_dysfunction'?)");
    }

    [Fact]
    public void Load_UnknownAttributeAndBadAttributeValue_AreReported()
    {
        using var set = TempRuleSet.Copy();
        set.Write("extra.yaml", TempRuleSet.Head + """
                cites: [doc.refractory]
                when: {pain_score: 3}
                then:
                  - recommend: {code: x.y, text: T, attributes: {rout: iv}}
                  - finding: {code: x.z, text: T, attributes: {route: oral, infusions: 2.5}}
            """);
        set.AssertLoadErrors(
            "rules/extra.yaml:8:54: unknown attribute 'rout' (did you mean 'route'?)",
            "rules/extra.yaml:9:59: 'oral' is not an allowed value of attribute 'route' (allowed: iv, intranasal)",
            "rules/extra.yaml:9:76: attribute 'infusions' is an integer: write a whole number, not '2.5'");
    }
}

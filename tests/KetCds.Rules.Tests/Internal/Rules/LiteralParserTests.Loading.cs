namespace KetCds.Rules.Tests.Internal.Rules;

/// <summary>The errors of this step as <see cref="RuleSetLoader"/> reports them for a whole rule set.</summary>
public partial class LiteralParserTests
{
    [Fact]
    public void Load_LiteralOfWrongType_IsReportedAtTheValue()
    {
        using var set = TempRuleSet.Copy();
        set.Write("extra.yaml", TempRuleSet.Head + """
                when:
                  - pain_score: high
                  - pain_duration: {at_least: 3 moons}
                  - last_infusion: {before: 2024-01-01}
                  - last_infusion: {greater_than: 01/02/2024}
                  - weight_kg: {between: [40, heavy]}
                  - bladder_problems: yes
                  - conditions: crps
                  - care_goal: [initial]
                then: [derive: {severity: mild}]
            """);
        set.AssertLoadErrors(
            "rules/extra.yaml:6:21: fact 'pain_score' is an integer: write a whole number, not 'high'",
            "rules/extra.yaml:7:35: fact 'pain_duration' is a duration: write a number and a unit (hours, days, weeks, months, years) such as '3 months', not '3 moons'",
            "rules/extra.yaml:8:25: unknown operator 'before' (operators: equals, not_equals, less_than, at_most, greater_than, at_least, between, in, not_in, contains_any, contains_all, contains_none)",
            "rules/extra.yaml:9:39: fact 'last_infusion' is a date: write YYYY-MM-DD, not '01/02/2024'",
            "rules/extra.yaml:10:35: fact 'weight_kg' is a decimal: write a number such as 2.5, not 'heavy'",
            "rules/extra.yaml:11:27: fact 'bladder_problems' is a boolean: write true or false, not 'yes'",
            "rules/extra.yaml:12:21: fact 'conditions' is a set: write a list such as [a, b], not the text 'crps'",
            "rules/extra.yaml:13:20: fact 'care_goal' takes a single enum value, not a list; to allow several values use 'in: [a, b]'");
    }

    [Fact]
    public void Load_UnknownEnumValue_SuggestsTheNearestValue()
    {
        using var set = TempRuleSet.Copy();
        set.Write("extra.yaml", TempRuleSet.Head + """
                when:
                  - care_goal: maintenence
                  - conditions: {contains_any: [crps, fibromyalga]}
                then: [derive: {severity: mild}]
            """);
        set.AssertLoadErrors(
            "rules/extra.yaml:6:20: 'maintenence' is not an allowed value of fact 'care_goal' (allowed: initial, maintenance) (did you mean 'maintenance'?)",
            "rules/extra.yaml:7:43: 'fibromyalga' is not an allowed value of fact 'conditions' (allowed: crps, fibromyalgia, migraine, neuropathy) (did you mean 'fibromyalgia'?)");
    }

    [Fact]
    public void Load_BadDerivation_IsReportedWithoutCallingTheFactUnderived()
    {
        using var set = TempRuleSet.Copy();
        set.Replace("severity.yaml", "derive: {severity: severe}", "derive: {severity: sever}");
        set.Replace("severity.yaml", "derive: {severity: mild}", "derive: {severity: 3}");
        set.AssertLoadErrors(
            "rules/severity.yaml:7:28: 'sever' is not an allowed value of fact 'severity' (allowed: mild, severe) (did you mean 'severe'?)",
            "rules/severity.yaml:14:28: '3' is not an allowed value of fact 'severity' (allowed: mild, severe)");
    }
}

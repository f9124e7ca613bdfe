using KetCds.Rules.Internal.Rules;

namespace KetCds.Rules.Tests.Internal.Rules;

/// <summary>Conditions: keys, combinators, operators, nesting and empty lists, as the loader reports them.</summary>
public class ConditionReaderTests
{
    [Fact]
    public void Load_ConditionWithTwoKeys_IsAnError()
    {
        using var set = TempRuleSet.Copy();
        set.Write("extra.yaml", TempRuleSet.Head + "    when: {pain_score: 3, care_goal: initial}\n    then: [derive: {severity: mild}]\n");
        set.AssertLoadErrors("rules/extra.yaml:5:27: a condition has exactly one key, but this one has 2; list several conditions under 'all:' (or as a list)");
    }

    [Fact]
    public void Load_MisspeltCombinator_SuggestsTheReservedWord()
    {
        using var set = TempRuleSet.Copy();
        set.Write("extra.yaml", TempRuleSet.Head + "    when: {alll: [pain_score: 3]}\n    then: [derive: {severity: mild}]\n");
        set.AssertLoadErrors("rules/extra.yaml:5:12: unknown fact 'alll' (did you mean 'all'?)");
    }

    [Fact]
    public void Load_UnknownOperator_SuggestsTheNearestOperator()
    {
        using var set = TempRuleSet.Copy();
        set.Write("extra.yaml", TempRuleSet.Head + "    when: {pain_score: {at_lest: 3}}\n    then: [derive: {severity: mild}]\n");
        set.AssertLoadErrors("rules/extra.yaml:5:25: unknown operator 'at_lest' (did you mean 'at_least'?)");
    }

    [Fact]
    public void Load_OperatorOnWrongType_SaysWhichTypesItTakes()
    {
        using var set = TempRuleSet.Copy();
        set.Write("extra.yaml", TempRuleSet.Head + """
                when:
                  - bladder_problems: {at_least: 1}
                  - care_goal: {contains_any: [initial]}
                  - conditions: {in: [crps]}
                then: [derive: {severity: mild}]
            """);
        set.AssertLoadErrors(
            "rules/extra.yaml:6:28: 'at_least' cannot test fact 'bladder_problems', which is a boolean; order comparisons apply to integer, decimal, duration and date facts",
            "rules/extra.yaml:7:21: 'contains_any' cannot test fact 'care_goal', which is an enum; use 'in' or 'not_in' on an enum",
            "rules/extra.yaml:8:22: 'in' cannot test fact 'conditions', which is a set; use contains_any, contains_all or contains_none on a set");
    }

    [Fact]
    public void Load_DeeplyNestedCondition_IsAnErrorNotACrash()
    {
        using var set = TempRuleSet.Copy();
        var depth = ConditionReader.MaxDepth + 5;
        var when = string.Concat(Enumerable.Repeat("{not: ", depth)) + "{pain_score: 3}" + new string('}', depth);
        set.Write("extra.yaml", TempRuleSet.Head + $"    when: {when}\n    then: [derive: {{severity: mild}}]\n");
        var errors = set.Errors();
        Assert.Single(errors);
        Assert.EndsWith($"conditions are nested more than {ConditionReader.MaxDepth} levels deep", errors[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Load_EmptyListsAndInvertedRange_AreReportedAtTheirNode()
    {
        using var set = TempRuleSet.Copy();
        set.Write("extra.yaml", TempRuleSet.Head + """
                when:
                  - any: []
                  - care_goal: {in: []}
                  - pain_score: {between: [9, 2]}
                  - pain_score: {between: [1]}
                then: [derive: {severity: mild}]
            """);
        set.AssertLoadErrors(
            "rules/extra.yaml:6:14: 'any' must not be empty",
            "rules/extra.yaml:7:25: 'in' must not be empty",
            "rules/extra.yaml:8:22: the range on 'pain_score' has its minimum 9 above its maximum 2",
            "rules/extra.yaml:9:31: 'between' takes a list of two values [min, max], but is a list");
    }
}

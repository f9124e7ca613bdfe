using KetCds.Engine;

namespace KetCds.Rules.Tests;

public class VocabularyContractTests
{
    /// <summary>What a made-up consumer of the valid fixture expects: every input it declares, two derived facts, the route attribute, and recommendations with a route.</summary>
    private static readonly VocabularyContract Contract = new(
        "the test layer",
        [
            Input("pain_duration", FactType.Duration),
            Input("pain_score", FactType.Integer),
            Input("weight_kg", FactType.Decimal),
            Input("failed_treatments", FactType.Integer),
            Input("conditions", FactType.EnumSet, "crps", "fibromyalgia", "migraine", "neuropathy"),
            Input("care_goal", FactType.Enum, "initial", "maintenance"),
            Input("bladder_problems", FactType.Boolean),
            Input("last_infusion", FactType.Date),
            Input("liver_dysfunction", FactType.Boolean),
            new("severity", FactType.Enum, FactOrigin.Derived, ["mild", "severe"], "Result.severity"),
            new("refractory_pain", FactType.Boolean, FactOrigin.Derived, [], "Result.refractory"),
        ],
        [new("route", FactType.Enum, ["intranasal", "iv"], "Result.route")],
        [new(OutcomeKind.Recommendation, string.Empty, ["route"], "Result.routes")]);

    [Fact]
    public void Load_FixtureMeetsTheContract_NoErrorsOrWarnings()
    {
        using var set = TempRuleSet.Copy();
        var result = RuleSetLoader.Load(set.Directory, Contract);
        Assert.Empty(set.Render(result.Errors));
        Assert.Empty(set.Render(result.Warnings));
        Assert.Empty(result.RuleSet!.ContractErrors(Contract));
    }

    [Fact]
    public void Load_SuppliedInputRenamed_ErrorAtTheDeclarationListingTheSuppliedFacts()
    {
        using var set = TempRuleSet.Copy();
        set.Replace("vocabulary.yaml", "  pain_score:\n", "  pain_level:\n");
        set.Replace("severity.yaml", "when: {pain_score: {between", "when: {pain_level: {between");
        set.Replace("severity.yaml", "      pain_score: {less_than", "      pain_level: {less_than");
        set.Replace("risks.yaml", "- pain_score: {not_equals", "- pain_level: {not_equals");

        Assert.True(RuleSetLoader.Load(set.Directory).Succeeded, "without the contract the rename is a valid rule set");
        var result = RuleSetLoader.Load(set.Directory, Contract);
        Assert.Equal(
            ["rules/vocabulary.yaml:6:3: input fact 'pain_level' is not one the test layer supplies, so no request can set it (it supplies: bladder_problems, care_goal, conditions, failed_treatments, last_infusion, liver_dysfunction, pain_duration, pain_score, weight_kg)"],
            set.Render(result.Errors));
        Assert.Equal(
            ["rules/vocabulary.yaml:1:1: the test layer supplies input fact 'pain_score' from pain_score field, but the vocabulary does not declare it, so that field is ignored"],
            set.Render(result.Warnings));
    }

    [Fact]
    public void Load_SuppliedValueRenamed_ErrorNamingTheValueTheLayerSupplies()
    {
        using var set = TempRuleSet.Copy();
        set.Replace("vocabulary.yaml", "[crps, fibromyalgia, migraine, neuropathy]", "[crps, fibromyalgia, migraines, neuropathy]");
        set.Replace("risks.yaml", "contains_none: [migraine]", "contains_none: [migraines]");
        set.Replace("risks.yaml", "equals: [migraine]", "equals: [migraines]");

        var result = RuleSetLoader.Load(set.Directory, Contract);
        Assert.Equal(
            ["rules/vocabulary.yaml:16:3: fact 'conditions' does not allow 'migraine', which the test layer supplies from conditions field (did you mean 'migraines'?)"],
            set.Render(result.Errors));
        Assert.Equal(
            ["rules/vocabulary.yaml:16:3: fact 'conditions' allows 'migraines', which the test layer never supplies, so no request can give it that value"],
            set.Render(result.Warnings));
    }

    [Fact]
    public void Load_TypeOrOriginChanged_ErrorAtTheDeclaration()
    {
        using var set = TempRuleSet.Copy();
        set.Replace("vocabulary.yaml", "  weight_kg:\n    type: decimal\n    unit: kg\n", "  weight_kg:\n    type: integer\n    unit: kg\n");
        set.Replace("risks.yaml", "at_most: 150.5", "at_most: 150");
        set.Replace("vocabulary.yaml", "  liver_dysfunction:\n    type: boolean\n", "  liver_dysfunction:\n    type: boolean\n    derived: true\n");
        set.Replace("risks.yaml", "        - absent: liver_dysfunction\n", string.Empty);
        set.Replace("risks.yaml", "      - request: {fact: liver_dysfunction, reason: Liver function decides whether a series is safe.}\n", "      - derive: {liver_dysfunction: false}\n");

        var errors = set.Render(RuleSetLoader.Load(set.Directory, Contract).Errors);
        Assert.Contains("rules/vocabulary.yaml:9:3: fact 'weight_kg' is an integer, but the test layer supplies it as a decimal (weight_kg field)", errors);
        Assert.Contains(
            "rules/vocabulary.yaml:30:3: fact 'liver_dysfunction' is declared derived, but the test layer supplies it from liver_dysfunction field: it must be an input fact",
            errors);
    }

    [Fact]
    public void Load_DerivedFactTakesAValueTheLayerCannotRead_Error()
    {
        using var set = TempRuleSet.Copy();
        set.Replace("vocabulary.yaml", "values: [mild, severe]", "values: [mild, severe, extreme]");

        Assert.Equal(
            ["rules/vocabulary.yaml:37:3: fact 'severity' allows 'extreme', which the test layer cannot read into Result.severity (it reads: mild, severe)"],
            set.Render(RuleSetLoader.Load(set.Directory, Contract).Errors));
    }

    [Fact]
    public void Load_DerivedFactTheLayerReadsIsMissing_ErrorNamingIt()
    {
        using var set = TempRuleSet.Copy();
        var contract = Contract with { Facts = [.. Contract.Facts, new("stage", FactType.Enum, FactOrigin.Derived, ["early", "late"], "Result.stage")] };

        Assert.Equal(
            ["rules/vocabulary.yaml:1:1: the test layer reads derived fact 'stage' (enum of early, late) for Result.stage, but the vocabulary does not declare it"],
            set.Render(RuleSetLoader.Load(set.Directory, contract).Errors));
    }

    [Fact]
    public void Load_AttributeAllowsAValueTheLayerCannotRead_ErrorAtTheAttribute()
    {
        using var set = TempRuleSet.Copy();
        set.Replace("vocabulary.yaml", "values: [iv, intranasal]", "values: [iv, intranasal, inhaled]");

        Assert.Equal(
            ["rules/vocabulary.yaml:43:3: attribute 'route' allows 'inhaled', which the test layer cannot read into Result.route (it reads: intranasal, iv)"],
            set.Render(RuleSetLoader.Load(set.Directory, Contract).Errors));
    }

    [Fact]
    public void Load_OutcomeWithoutARequiredAttribute_ErrorAtTheOutcome()
    {
        using var set = TempRuleSet.Copy();
        set.Replace("risks.yaml", "attributes: {interval: 4 weeks, route: iv}", "attributes: {interval: 4 weeks}");

        Assert.Equal(
            ["rules/risks.yaml:38:9: rule 'maintenance.booster' emits recommendation 'maintenance.booster' without attribute 'route', which the test layer needs for Result.routes"],
            set.Render(RuleSetLoader.Load(set.Directory, Contract).Errors));
    }

    [Fact]
    public void Load_NoOutcomeOfAnExpectedFamily_ErrorNamingThePrefix()
    {
        using var set = TempRuleSet.Copy();
        var contract = Contract with { Outcomes = [.. Contract.Outcomes, new(OutcomeKind.Finding, "eligibility.", [], "Result.reasons")] };

        Assert.Equal(
            ["rules:1:1: no rule emits a finding coded 'eligibility.…': the test layer expects them for Result.reasons"],
            set.Render(RuleSetLoader.Load(set.Directory, contract).Errors).Select(e => e.Replace(set.Directory, "rules", StringComparison.Ordinal)));
    }

    [Fact]
    public void ContractErrors_RuleSetLoadedWithoutTheContract_ReportsWhatTheLoadWouldHave()
    {
        using var set = TempRuleSet.Copy();
        set.Replace("vocabulary.yaml", "values: [mild, severe]", "values: [mild, severe, extreme]");
        var loaded = RuleSetLoader.Load(set.Directory).RuleSet!;

        Assert.Equal(set.Render(RuleSetLoader.Load(set.Directory, Contract).Errors), set.Render(loaded.ContractErrors(Contract)));
    }

    private static ExpectedFact Input(string name, FactType type, params string[] values) =>
        new(name, type, FactOrigin.Input, [.. values], name + " field");
}

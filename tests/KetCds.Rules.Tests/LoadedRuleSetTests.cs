using KetCds.Engine;

namespace KetCds.Rules.Tests;

public class LoadedRuleSetTests
{
    private static FactSet Facts(params (string Name, TypedValue Value)[] facts) =>
        FactSet.From(facts.Select(f => new KeyValuePair<string, TypedValue>(f.Name, f.Value)));

    private static (string, TypedValue)[] EligiblePatient =>
    [
        ("pain_duration", TypedValue.Duration(6, DurationUnit.Months)),
        ("failed_treatments", TypedValue.Integer(3)),
        ("conditions", TypedValue.EnumSet(["crps"])),
        ("bladder_problems", TypedValue.False),
    ];

    [Fact]
    public void Compiled_EligiblePatient_DerivesAndRecommendsWithTypedAttributes()
    {
        using var set = TempRuleSet.Copy();
        var rules = set.Load().RuleSet!;
        var result = rules.Compiled.Evaluate(Facts(EligiblePatient));

        Assert.Equal(TypedValue.True, result.GetFact("refractory_pain"));
        Assert.Equal<string>(["eligibility.iv-series", "eligibility.refractory", "risk.liver-unknown"], result.FiredRules);
        var recommendation = Assert.Single(result.Outcomes, o => o.Kind == OutcomeKind.Recommendation);
        Assert.Equal("route.iv.series", recommendation.Code);
        Assert.Equal(TypedValue.Enum("iv"), recommendation.Attribute("route"));
        Assert.Equal(TypedValue.Decimal(1.5m), recommendation.Attribute("relief_min"));
        Assert.Equal(TypedValue.Integer(6), recommendation.Attribute("infusions"));
        Assert.Equal(TypedValue.EnumSet(["neuropathy", "crps"]), recommendation.Attribute("covers"));
        Assert.Equal(["doc.conditions", "doc.refractory"], recommendation.Citations.Order(StringComparer.Ordinal));
        var alert = Assert.Single(result.Outcomes, o => o.Kind == OutcomeKind.Alert);
        Assert.Equal(TypedValue.Date(new DateOnly(2025, 6, 30)), alert.Attribute("review_by"));
        Assert.Equal("liver_dysfunction", Assert.Single(result.DataRequests).Fact);
    }

    [Fact]
    public void Compiled_MissingInput_LeavesTheRuleUnknownNotFalse()
    {
        using var set = TempRuleSet.Copy();
        var rules = set.Load().RuleSet!;
        var result = rules.Compiled.Evaluate(Facts(EligiblePatient).Without("bladder_problems"));

        Assert.Equal(Truth.Unknown, result.RuleResult("eligibility.iv-series"));
        Assert.DoesNotContain(result.Outcomes, o => o.Code == "route.iv.series");
        Assert.Contains(result.MissingFacts, m => m.Fact == "bladder_problems" && m.UndecidedRules.Contains("eligibility.iv-series"));
    }

    [Fact]
    public void Compiled_DerivedFactNotDerived_MakesItsTestsFalse()
    {
        using var set = TempRuleSet.Copy();
        var rules = set.Load().RuleSet!;
        var result = rules.Compiled.Evaluate(Facts(EligiblePatient).With("failed_treatments", TypedValue.Integer(1)));

        Assert.Null(result.GetFact("refractory_pain"));
        Assert.Equal(Truth.False, result.RuleResult("eligibility.refractory"));
        Assert.Equal(Truth.False, result.RuleResult("eligibility.iv-series"));
        Assert.Empty(result.Outcomes);
    }

    [Fact]
    public void Compiled_MaintenanceCase_EvaluatesEveryOperator()
    {
        using var set = TempRuleSet.Copy();
        var rules = set.Load().RuleSet!;
        (string, TypedValue)[] maintenance =
        [
            ("care_goal", TypedValue.Enum("maintenance")),
            ("last_infusion", TypedValue.Date(new DateOnly(2025, 3, 1))),
            ("weight_kg", TypedValue.Decimal(80.5m)),
            ("conditions", TypedValue.EnumSet(["crps", "fibromyalgia"])),
            ("pain_score", TypedValue.Integer(8)),
            ("pain_duration", TypedValue.Duration(2, DurationUnit.Years)),
        ];

        var fired = rules.Compiled.Evaluate(Facts(maintenance));
        Assert.Equal(TypedValue.Enum("severe"), fired.GetFact("severity"));
        var booster = Assert.Single(fired.Outcomes);
        Assert.Equal("maintenance.booster", booster.Code);
        Assert.Equal(TypedValue.Duration(28, DurationUnit.Days), booster.Attribute("interval"));

        // Each of these breaks exactly one test of the rule, so the rule must not fire.
        (string, TypedValue)[] breakers =
        [
            ("care_goal", TypedValue.Enum("initial")),
            ("last_infusion", TypedValue.Date(new DateOnly(2023, 12, 31))),
            ("weight_kg", TypedValue.Decimal(150.6m)),
            ("conditions", TypedValue.EnumSet(["crps", "migraine"])),
            ("conditions", TypedValue.EnumSet(["fibromyalgia"])),
            ("pain_duration", TypedValue.Duration(10, DurationUnit.Years)),
            ("pain_duration", TypedValue.Duration(7, DurationUnit.Days)),
        ];
        foreach (var (name, value) in breakers)
        {
            var result = rules.Compiled.Evaluate(Facts(maintenance).With(name, value));
            Assert.True(result.RuleResult("maintenance.booster") == Truth.False, $"{name} = {value} should stop the booster");
        }
    }

    [Fact]
    public void Compiled_RangeBounds_AreInclusive()
    {
        using var set = TempRuleSet.Copy();
        var rules = set.Load().RuleSet!;
        Assert.Equal(TypedValue.Enum("severe"), rules.Compiled.Evaluate(Facts(("pain_score", TypedValue.Integer(7)))).GetFact("severity"));
        Assert.Equal(TypedValue.Enum("severe"), rules.Compiled.Evaluate(Facts(("pain_score", TypedValue.Integer(10)))).GetFact("severity"));
        Assert.Equal(TypedValue.Enum("mild"), rules.Compiled.Evaluate(Facts(("pain_score", TypedValue.Integer(6)))).GetFact("severity"));
        Assert.Null(rules.Compiled.Evaluate(Facts(("pain_score", TypedValue.Integer(11)))).GetFact("severity"));
    }

    [Fact]
    public void Attributes_AreSortedAndFindable()
    {
        using var set = TempRuleSet.Copy();
        var rules = set.Load().RuleSet!;
        Assert.Equal(["covers", "infusions", "interval", "relief_min", "review_by", "route", "urgent"], rules.Attributes.Select(a => a.Name));
        var route = rules.FindAttribute("route")!;
        Assert.Equal(FactType.Enum, route.Type);
        Assert.Equal<string>(["iv", "intranasal"], route.AllowedValues);
        Assert.Equal("weeks", rules.FindAttribute("relief_min")!.Unit);
        Assert.Null(rules.FindAttribute("nope"));
    }

    [Fact]
    public void RulesCiting_ListsTheCitingRulesSorted()
    {
        using var set = TempRuleSet.Copy();
        var rules = set.Load().RuleSet!;
        Assert.Equal<string>(["eligibility.iv-series", "eligibility.refractory"], rules.RulesCiting("doc.refractory"));
        Assert.Empty(rules.RulesCiting("doc.mechanism"));
        Assert.Empty(rules.UncitedClaims);
    }

    [Fact]
    public void VerifyLocators_ValidFixture_FindsNoProblem()
    {
        using var set = TempRuleSet.Copy();
        Assert.Empty(set.Load().RuleSet!.VerifyLocators(set.Documents));
    }

    [Fact]
    public void VerifyLocators_Mismatch_IsReportedInTheSourceFile()
    {
        using var set = TempRuleSet.Copy();
        set.Replace("sources/doc.yaml", "anchor: \"bladder irritation\"", "anchor: \"bladder damage\"");
        var rules = set.Load().RuleSet!;
        Assert.Equal(
            ["rules/sources/doc.yaml:25:13: anchor 'bladder damage' of claim 'doc.bladder' does not occur verbatim in section 'Risks' of doc.txt"],
            set.Render(rules.VerifyLocators(set.Documents)));
    }
}

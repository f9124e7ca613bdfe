using static KetCds.Engine.Tests.Support.ModelBuilder;

namespace KetCds.Engine.Tests.Evaluation;

/// <summary>Justifications, why-not reports and missing facts, computed on demand from a real evaluation.</summary>
public class RuleSetEvaluationTests
{
    private static readonly SourceLocation ScoreTest = new("rules/eligibility.yaml", 12, 9);

    private static readonly CompiledRuleSet Set = Compile(
        [
            Input("pain_score", FactType.Integer),
            Input("failed_treatments", FactType.Integer),
            Input("conditions", FactType.EnumSet, "crps", "fibromyalgia"),
            Input("psychosis", FactType.Boolean),
            Derived("severe"),
            Derived("refractory"),
            Derived("eligible"),
        ],
        Derive("make.severe", Cmp("pain_score", ComparisonOperator.GreaterThanOrEqual, 7) with { Location = ScoreTest }, "severe", cites: "claim.severe"),
        Derive("make.refractory", All(Is("severe"), Cmp("failed_treatments", ComparisonOperator.GreaterThanOrEqual, 2)), "refractory", cites: "claim.refractory"),
        Derive("make.eligible", All(Is("refractory"), Member("conditions", MembershipOperator.ContainsAny, "crps")), "eligible"),
        Emit("recommend.ketamine", All(Is("eligible"), Not(Is("psychosis"))), code: "route.iv", cites: ["claim.b", "claim.a"]),
        Emit("recommend.other", All(Member("conditions", MembershipOperator.ContainsAny, "fibromyalgia"), Is("psychosis")), code: "route.iv"));

    private static FactSet Full => Facts(("pain_score", Int(8)), ("failed_treatments", Int(3)), ("conditions", Set("crps")), ("psychosis", TypedValue.False));

    [Fact]
    public void Explain_FiredOutcome_ReturnsTreeWithValuesPremisesAndCitations()
    {
        var result = Set.Evaluate(Full);
        var outcome = Assert.Single(result.Outcomes);
        Assert.Equal("recommend.ketamine", outcome.RuleId);
        Assert.Equal(["claim.b", "claim.a"], outcome.Citations.ToArray());

        var tree = result.Explain(outcome);
        Assert.Equal("recommend.ketamine", tree.RuleId);
        Assert.Equal("title recommend.ketamine", tree.RuleTitle);
        Assert.Equal([("eligible", "true", FactOrigin.Derived), ("psychosis", "false", FactOrigin.Input)], tree.MatchedFacts.Select(m => (m.Name, m.Value!.ToString(), m.Origin)));

        var eligible = Assert.Single(tree.Premises);
        Assert.Equal("make.eligible", eligible.RuleId);
        Assert.Equal([("conditions", "[crps]"), ("refractory", "true")], eligible.MatchedFacts.Select(m => (m.Name, m.Value!.ToString())));
        var refractory = Assert.Single(eligible.Premises);
        Assert.Equal(["claim.refractory"], refractory.Citations.ToArray());
        var severe = Assert.Single(refractory.Premises);
        Assert.Equal("make.severe", severe.RuleId);
        Assert.Equal(["claim.severe"], severe.Citations.ToArray());
        Assert.Equal([("pain_score", "8")], severe.MatchedFacts.Select(m => (m.Name, m.Value!.ToString())));
        Assert.Empty(severe.Premises);
    }

    [Fact]
    public void Explain_RuleThatDidNotFireOrUnknown_ReturnsNull()
    {
        var result = Set.Evaluate(Full);
        Assert.Null(result.Explain("recommend.other"));
        Assert.Null(result.Explain("no.such.rule"));
        var foreign = new Outcome(OutcomeKind.Finding, "x", "t", [], "recommend.other", []);
        Assert.Throws<ArgumentException>(() => result.Explain(foreign));
    }

    [Fact]
    public void Explain_TwoFactsFromOneFiring_CitesThatPremiseOnce()
    {
        var both = new Rule("both", "t", "d", 0, Is("x"), [new DeriveAction("a", TypedValue.True), new DeriveAction("b", TypedValue.True)], ["c"]);
        var set = Compile([Input("x", FactType.Boolean), Derived("a"), Derived("b")], both, Emit("use", All(Is("a"), Is("b"))));
        var tree = set.Evaluate(Facts(("x", TypedValue.True))).Explain("use")!;
        Assert.Equal(2, tree.MatchedFacts.Length);
        Assert.Equal("both", Assert.Single(tree.Premises).RuleId);
    }

    [Fact]
    public void WhyNot_FalsePremiseChain_NamesBlockingConditionAndRecurses()
    {
        var result = Set.Evaluate(Full.With("pain_score", Int(5)));
        var report = result.WhyNot("route.iv");
        Assert.False(report.Produced);
        Assert.Equal(["recommend.ketamine", "recommend.other"], report.Rules.Select(r => r.RuleId));

        var ketamine = report.Rules[0];
        Assert.Equal(Truth.False, ketamine.Result);
        Assert.Equal("eligible == true", ketamine.BlockingCondition);
        Assert.Empty(ketamine.MissingFacts);
        var eligible = Assert.Single(ketamine.UnderivedPremises);
        Assert.Equal("eligible", eligible.Fact);
        var makeEligible = Assert.Single(eligible.Rules);
        Assert.Equal("refractory == true", makeEligible.BlockingCondition);
        var makeRefractory = Assert.Single(Assert.Single(makeEligible.UnderivedPremises).Rules);
        Assert.Equal("severe == true", makeRefractory.BlockingCondition);
        var makeSevere = Assert.Single(Assert.Single(makeRefractory.UnderivedPremises).Rules);
        Assert.Equal("make.severe", makeSevere.RuleId);
        Assert.Equal("pain_score >= 7", makeSevere.BlockingCondition);
        Assert.Equal(ScoreTest, makeSevere.BlockingLocation);
        Assert.Empty(makeSevere.UnderivedPremises);

        var other = report.Rules[1];
        Assert.Equal("conditions contains any of [fibromyalgia]", other.BlockingCondition);
    }

    [Fact]
    public void WhyNot_MissingInput_ReportsUnknownWithMissingFacts()
    {
        var result = Set.Evaluate(Full.Without("failed_treatments"));
        var report = result.WhyNot("eligible");
        var rule = Assert.Single(report.Rules);
        Assert.Equal(Truth.Unknown, rule.Result);
        Assert.Equal("refractory == true", rule.BlockingCondition);
        var refractory = Assert.Single(Assert.Single(rule.UnderivedPremises).Rules);
        Assert.Equal(Truth.Unknown, refractory.Result);
        Assert.Equal("failed_treatments >= 2", refractory.BlockingCondition);
        Assert.Equal(["failed_treatments"], refractory.MissingFacts.ToArray());
    }

    [Fact]
    public void WhyNot_DerivedFactContestedByUnknownHigherPriority_NotProducedAndNamesTheUnknownRule()
    {
        var set = Compile(
            [Input("x", FactType.Boolean), Input("y", FactType.Boolean), Derived("route", FactType.Enum, "iv", "oral")],
            Derive("high.iv", Is("x"), "route", Sym("iv"), priority: 5),
            Derive("low.oral", Is("y"), "route", Sym("oral"), priority: 1));

        var report = set.Evaluate(Facts(("y", TypedValue.True))).WhyNot("route");
        Assert.False(report.Produced);
        var high = Assert.Single(report.Rules, r => r.RuleId == "high.iv");
        Assert.Equal(Truth.Unknown, high.Result);
        Assert.Equal(["x"], high.MissingFacts.ToArray());
        Assert.Equal(Truth.True, Assert.Single(report.Rules, r => r.RuleId == "low.oral").Result);
    }

    [Fact]
    public void WhyNot_ProducedOutcome_MarksFiredRuleTrueWithoutBlocker()
    {
        var report = Set.Evaluate(Full).WhyNot("route.iv");
        Assert.True(report.Produced);
        Assert.Equal(Truth.True, report.Rules[0].Result);
        Assert.Null(report.Rules[0].BlockingCondition);
        Assert.Equal(Truth.False, report.Rules[1].Result);
    }

    [Fact]
    public void MissingFacts_AbsentInputs_ListUndecidedRulesSorted()
    {
        var result = Set.Evaluate(FactSet.Empty);
        Assert.Equal(
            [
                ("conditions", "make.eligible"),
                ("conditions", "recommend.other"),
                ("failed_treatments", "make.refractory"),
                ("pain_score", "make.severe"),
                ("psychosis", "recommend.ketamine"),
                ("psychosis", "recommend.other"),
            ],
            result.MissingFacts.SelectMany(m => m.UndecidedRules.Select(r => (m.Fact, r))));
    }

    [Fact]
    public void MissingFacts_SkippedByGuardButActuallyFalse_NotListed()
    {
        // The guard (first conjunct, on 'g') is missing, so the index skips the rule; its second conjunct is false.
        var set = Compile([Input("g", FactType.Integer), Input("h", FactType.Integer)], Emit("guarded", All(Cmp("g", ComparisonOperator.Equal, 1), Cmp("h", ComparisonOperator.Equal, 2))));
        var falseResult = set.Evaluate(Facts(("h", Int(3))));
        Assert.Empty(falseResult.MissingFacts);
        Assert.Equal(Truth.False, falseResult.RuleResult("guarded"));

        var unknownResult = set.Evaluate(Facts(("h", Int(2))));
        Assert.Equal(Truth.Unknown, unknownResult.RuleResult("guarded"));
        var missing = Assert.Single(unknownResult.MissingFacts);
        Assert.Equal("g", missing.Fact);
        Assert.Equal(["guarded"], missing.UndecidedRules.ToArray());
    }

    [Fact]
    public void MissingFacts_SeveralUnknownConjuncts_ListsEveryOne()
    {
        var set = Compile([Input("g", FactType.Integer), Input("h", FactType.Integer)], Emit("r", All(Cmp("g", ComparisonOperator.Equal, 1), Cmp("h", ComparisonOperator.Equal, 2))));
        Assert.Equal(["g", "h"], set.Evaluate(FactSet.Empty).MissingFacts.Select(m => m.Fact));
    }

    [Fact]
    public void MissingFacts_InputInsideAlreadyFalseBranch_NotListed()
    {
        var set = Compile(
            [Input("x", FactType.Integer), Input("y", FactType.Integer), Input("z", FactType.Integer)],
            Emit("r", Any(All(Cmp("x", ComparisonOperator.Equal, 1), Cmp("y", ComparisonOperator.Equal, 3)), Cmp("z", ComparisonOperator.Equal, 1))));
        var result = set.Evaluate(Facts(("y", Int(5))));
        Assert.Equal(Truth.Unknown, result.RuleResult("r"));
        Assert.Equal(["z"], result.MissingFacts.Select(m => m.Fact));
    }

    [Fact]
    public void RuleResult_SkippedGuardedRule_ReportsActualTruth()
    {
        var set = Compile([Input("g", FactType.Integer), Input("h", FactType.Integer)], Emit("guarded", All(Cmp("g", ComparisonOperator.Equal, 1), Absent("h"))));
        Assert.Equal(Truth.Unknown, set.Evaluate(FactSet.Empty).RuleResult("guarded"));
        Assert.Equal(Truth.False, set.Evaluate(Facts(("h", Int(1)))).RuleResult("guarded"));
        Assert.Equal(Truth.True, set.Evaluate(Facts(("g", Int(1)))).RuleResult("guarded"));
    }
}

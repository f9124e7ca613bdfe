using static KetCds.Engine.Tests.Support.ModelBuilder;

namespace KetCds.Engine.Tests.Internal;

/// <summary>Forward chaining: strata, not-derived versus undecided facts, priority and positive cycles.</summary>
public class MatcherTests
{
    [Fact]
    public void Evaluate_ChainAcrossThreeStrata_DerivesEachLevel()
    {
        // c depends negatively on b, which depends on a: three strata, declared in reverse order on purpose.
        var set = Compile(
            [Input("x", FactType.Integer), Derived("a"), Derived("b"), Derived("c"), Derived("level", FactType.Enum, "low", "high")],
            Emit("emit.c", Is("c")),
            Derive("make.c", All(Not(Is("b")), Known("level")), "c"),
            Derive("make.level", Is("a"), "level", Sym("high")),
            Derive("make.b", All(Is("a"), Cmp("x", ComparisonOperator.GreaterThan, 10)), "b"),
            Derive("make.a", Cmp("x", ComparisonOperator.GreaterThan, 5), "a"));

        var result = set.Evaluate(Facts(("x", Int(7))));
        Assert.Equal(["emit.c", "make.a", "make.c", "make.level"], result.FiredRules.ToArray());
        Assert.Equal([("a", "true"), ("c", "true"), ("level", "high")], result.DerivedFacts.Select(f => (f.Key, f.Value.ToString())));
        Assert.Equal(Truth.False, result.RuleResult("make.b"));
        Assert.Null(result.GetFact("b"));

        var high = set.Evaluate(Facts(("x", Int(11))));
        Assert.Equal(["make.a", "make.b", "make.level"], high.FiredRules.ToArray());
        Assert.Equal(Truth.False, high.RuleResult("make.c"));
    }

    [Fact]
    public void Evaluate_ProducerUnknown_DerivedFactIsUndecidedNotFalse()
    {
        var set = Compile(
            [Input("x", FactType.Boolean), Derived("a")],
            Derive("make.a", Is("x"), "a"),
            Emit("when.not.a", Not(Is("a"))),
            Emit("when.absent.a", Absent("a")),
            Emit("when.a", Is("a")));

        var unknown = set.Evaluate(FactSet.Empty);
        Assert.Empty(unknown.FiredRules.ToArray());
        Assert.All(["make.a", "when.not.a", "when.absent.a", "when.a"], id => Assert.Equal(Truth.Unknown, unknown.RuleResult(id)));

        var no = set.Evaluate(Facts(("x", TypedValue.False)));
        Assert.Equal(["when.absent.a", "when.not.a"], no.FiredRules.ToArray());
        Assert.Equal(Truth.False, no.RuleResult("when.a"));
    }

    [Fact]
    public void Evaluate_NotDerivedFact_BehavesAsKnownAbsence()
    {
        var set = Compile(
            [Input("x", FactType.Boolean), Derived("mode", FactType.Enum, "p", "q"), Derived("tags", FactType.EnumSet, "p", "q")],
            Derive("make.mode", Is("x"), "mode", Sym("p")),
            Derive("make.tags", Is("x"), "tags", Set("p")),
            Emit("ne", new ComparisonCondition("mode", ComparisonOperator.NotEqual, Sym("p"))),
            Emit("notin", Member("mode", MembershipOperator.NotIn, "p")),
            Emit("in", Member("mode", MembershipOperator.In, "p")),
            Emit("none", Member("tags", MembershipOperator.ContainsNone, "p")),
            Emit("anyof", Member("tags", MembershipOperator.ContainsAny, "p")));

        var result = set.Evaluate(Facts(("x", TypedValue.False)));
        Assert.Equal(["ne", "none", "notin"], result.FiredRules.ToArray());
        Assert.Equal(Truth.False, result.RuleResult("in"));
        Assert.Equal(Truth.False, result.RuleResult("anyof"));
    }

    [Fact]
    public void Evaluate_ConflictingDerivations_HighestPriorityThenRuleIdWins()
    {
        FactDefinition[] facts = [Input("x", FactType.Boolean), Derived("route", FactType.Enum, "iv", "oral", "nasal")];
        var set = Compile(
            facts,
            Derive("b.oral", Is("x"), "route", Sym("oral"), priority: 5),
            Derive("a.nasal", Is("x"), "route", Sym("nasal"), priority: 1),
            Derive("c.iv", Is("x"), "route", Sym("iv"), priority: 5));

        var result = set.Evaluate(Facts(("x", TypedValue.True)));
        Assert.Equal("oral", result.GetFact("route")!.ToString());
        Assert.Equal(["a.nasal", "b.oral", "c.iv"], result.FiredRules.ToArray());

        // Only the priority decides, so taking b.oral away hands the fact to c.iv, not to a.nasal.
        var without = Compile(facts, Derive("a.nasal", Is("x"), "route", Sym("nasal"), priority: 1), Derive("c.iv", Is("x"), "route", Sym("iv"), priority: 5));
        Assert.Equal("iv", without.Evaluate(Facts(("x", TypedValue.True))).GetFact("route")!.ToString());
    }

    [Fact]
    public void Evaluate_HigherPriorityProducerUnknownWithOtherValue_FactIsUndecided()
    {
        var set = Compile(
            [Input("x", FactType.Boolean), Input("y", FactType.Boolean), Derived("route", FactType.Enum, "iv", "oral")],
            Derive("high.iv", Is("x"), "route", Sym("iv"), priority: 5),
            Derive("low.oral", Is("y"), "route", Sym("oral"), priority: 1),
            Emit("when.route", Known("route")));

        // x is missing: high.iv might still derive iv, so oral from low.oral cannot stand.
        var result = set.Evaluate(Facts(("y", TypedValue.True)));
        Assert.Null(result.GetFact("route"));
        Assert.Equal(Truth.True, result.RuleResult("low.oral"));
        Assert.Equal(Truth.Unknown, result.RuleResult("high.iv"));
        Assert.Equal(Truth.Unknown, result.RuleResult("when.route"));
        Assert.Equal(["low.oral"], result.FiredRules.ToArray());
        Assert.Equal(["high.iv"], Assert.Single(result.MissingFacts).UndecidedRules.ToArray());

        // Once x is known either way the priority decides as before.
        Assert.Equal("oral", set.Evaluate(Facts(("x", TypedValue.False), ("y", TypedValue.True))).GetFact("route")!.ToString());
        Assert.Equal("iv", set.Evaluate(Facts(("x", TypedValue.True), ("y", TypedValue.True))).GetFact("route")!.ToString());
    }

    [Fact]
    public void Evaluate_HigherPriorityProducerUnknownWithSameValue_ValueStands()
    {
        var set = Compile(
            [Input("x", FactType.Boolean), Input("y", FactType.Boolean), Input("z", FactType.Boolean), Derived("route", FactType.Enum, "iv", "oral")],
            Derive("high.oral", Is("x"), "route", Sym("oral"), priority: 5),
            Derive("mid.iv", Is("z"), "route", Sym("iv"), priority: 3),
            Derive("low.oral", Is("y"), "route", Sym("oral"), priority: 1));

        // The unknown rule above would derive the same value; the false one above it is ignored.
        Assert.Equal("oral", set.Evaluate(Facts(("y", TypedValue.True), ("z", TypedValue.False))).GetFact("route")!.ToString());

        // An unknown rule ranked below the winner cannot overturn it.
        Assert.Equal("iv", set.Evaluate(Facts(("x", TypedValue.False), ("z", TypedValue.True))).GetFact("route")!.ToString());

        // An unknown rule with another value ranked between the two decides "undecided", and dependants are unknown too.
        Assert.Null(set.Evaluate(Facts(("y", TypedValue.True))).GetFact("route"));
    }

    [Fact]
    public void Evaluate_HigherPriorityProducerSkippedByMissingGuard_StillContestsWhenUnknown()
    {
        var set = Compile(
            [Input("g", FactType.Integer), Input("y", FactType.Boolean), Derived("route", FactType.Enum, "iv", "oral")],
            Derive("high.iv", Cmp("g", ComparisonOperator.GreaterThan, 3), "route", Sym("iv"), priority: 5),
            Derive("low.oral", Is("y"), "route", Sym("oral"), priority: 1));

        var result = set.Evaluate(Facts(("y", TypedValue.True)));
        Assert.Null(result.GetFact("route"));
        Assert.Equal(Truth.Unknown, result.RuleResult("high.iv"));
    }

    [Fact]
    public void Evaluate_PositiveCycle_ReachesFixedPoint()
    {
        var set = Compile(
            [Input("seed", FactType.Boolean), Input("other", FactType.Boolean), Derived("a"), Derived("b"), Derived("c")],
            Derive("a.from.c", Is("c"), "a"),
            Derive("b.from.a", Is("a"), "b"),
            Derive("c.from.b", Is("b"), "c"),
            Derive("c.from.seed", Is("seed"), "c"),
            Emit("all.three", All(Is("a"), Is("b"), Is("c"))));

        var fired = set.Evaluate(Facts(("seed", TypedValue.True)));
        Assert.Equal(["a", "b", "c"], fired.DerivedFacts.Select(f => f.Key));
        Assert.Contains("all.three", fired.FiredRules.ToArray());

        var none = set.Evaluate(Facts(("seed", TypedValue.False)));
        Assert.Empty(none.DerivedFacts);
        Assert.Equal(Truth.False, none.RuleResult("all.three"));

        // A missing seed leaves the whole cycle undecided rather than false.
        var unknown = set.Evaluate(FactSet.Empty);
        Assert.Empty(unknown.DerivedFacts);
        Assert.All(["a.from.c", "b.from.a", "c.from.b", "c.from.seed", "all.three"], id => Assert.Equal(Truth.Unknown, unknown.RuleResult(id)));
    }

    [Fact]
    public void Evaluate_MultipleDeriveActions_SetEveryFact()
    {
        var rule = new Rule("both", "t", "d", 0, Is("x"), [new DeriveAction("a", TypedValue.True), new DeriveAction("n", Int(4))], []);
        var set = Compile([Input("x", FactType.Boolean), Derived("a"), Derived("n", FactType.Integer)], rule, Emit("big", Cmp("n", ComparisonOperator.GreaterThan, 3)));
        var result = set.Evaluate(Facts(("x", TypedValue.True)));
        Assert.Equal(["big", "both"], result.FiredRules.ToArray());
        Assert.Equal(Int(4), result.GetFact("n"));
    }

    [Fact]
    public void Evaluate_RequestsAndOutcomes_AreSortedDeterministically()
    {
        var outcome = new Rule("r.b", "t", "d", 0, Is("x"),
            [new EmitAction(OutcomeKind.Alert, "z.code", "text", [new OutcomeAttribute("w", Int(1)), new OutcomeAttribute("a", Sym("v"))]), new RequestDataAction("y", "need y")],
            ["c2", "c1"]);
        var recommendation = new Rule("r.a", "t", "d", 0, Is("x"),
            [new EmitAction(OutcomeKind.Recommendation, "a.code", "text", []), new RequestDataAction("x", "need x"), new RequestDataAction("y", "need y too")],
            []);
        var set = Compile([Input("x", FactType.Boolean), Input("y", FactType.Boolean)], outcome, recommendation);
        var result = set.Evaluate(Facts(("x", TypedValue.True)));
        Assert.Equal(["a.code", "z.code"], result.Outcomes.Select(o => o.Code));
        Assert.Equal(["a", "w"], result.Outcomes[1].Attributes.Select(a => a.Name));
        Assert.Equal("v", result.Outcomes[1].Attribute("a")!.ToString());
        Assert.Null(result.Outcomes[1].Attribute("missing"));
        Assert.Equal([("x", "r.a"), ("y", "r.a"), ("y", "r.b")], result.DataRequests.Select(r => (r.Fact, r.RuleId)));
        Assert.Equal(["a.code", "z.code"], set.OutcomeCodes.ToArray());
    }

    [Fact]
    public void Evaluate_ProducerSkippedByMissingGuard_FactIsUndecidedOnlyWhenProducerIsUnknown()
    {
        // make.a is guarded by 'g'; when g is missing it cannot fire, but whether 'a' is undecided or known not to
        // hold depends on its other conjunct.
        var set = Compile(
            [Input("g", FactType.Integer), Input("h", FactType.Boolean), Derived("a")],
            Derive("make.a", All(Cmp("g", ComparisonOperator.GreaterThan, 1), Is("h")), "a"),
            Emit("not.a", Not(Is("a"))));

        var hFalse = set.Evaluate(Facts(("h", TypedValue.False)));
        Assert.Equal(["not.a"], hFalse.FiredRules.ToArray());
        Assert.Equal(Truth.False, hFalse.RuleResult("make.a"));

        var hTrue = set.Evaluate(Facts(("h", TypedValue.True)));
        Assert.Empty(hTrue.FiredRules);
        Assert.Equal(Truth.Unknown, hTrue.RuleResult("make.a"));
        Assert.Equal(Truth.Unknown, hTrue.RuleResult("not.a"));
        Assert.Equal(["g"], hTrue.MissingFacts.Select(m => m.Fact));

        var fired = set.Evaluate(Facts(("h", TypedValue.True), ("g", Int(2))));
        Assert.Equal(["make.a"], fired.FiredRules.ToArray());
    }

    [Fact]
    public void Evaluate_RarerConjunctOfSeveral_IsTheGuardAndAnswersStayTheSame()
    {
        // 'choice in [a]' holds for one of four symbols, 'flag' for one of two values: the rarer conjunct guards the
        // rule, so a case where it is false leaves the rule unevaluated (Skipped) though its first conjunct is true.
        var set = Compile(
            [Input("flag", FactType.Boolean), Input("choice", FactType.Enum, "a", "b", "c", "d")],
            Emit("both", All(Is("flag"), Member("choice", MembershipOperator.In, "a"))));
        var rule = set.IndexOf("both");

        var rare = set.Evaluate(Facts(("flag", TypedValue.True), ("choice", Sym("b"))));
        Assert.Equal(KetCds.Engine.Internal.RuleTruth.Skipped, rare.MatchedTruth(rule));
        Assert.Equal(Truth.False, rare.RuleResult("both"));
        Assert.Empty(rare.FiredRules);

        var fired = set.Evaluate(Facts(("flag", TypedValue.True), ("choice", Sym("a"))));
        Assert.Equal(["both"], fired.FiredRules.ToArray());

        // The rarer conjunct missing: still unevaluated, and unknown with the missing choice as what would decide it.
        var missing = set.Evaluate(Facts(("flag", TypedValue.True)));
        Assert.Equal(KetCds.Engine.Internal.RuleTruth.Skipped, missing.MatchedTruth(rule));
        Assert.Equal(Truth.Unknown, missing.RuleResult("both"));
        Assert.Equal(["choice"], missing.MissingFacts.Select(m => m.Fact));
    }
}

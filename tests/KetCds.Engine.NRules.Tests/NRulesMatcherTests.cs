using System.Collections.Immutable;

namespace KetCds.Engine.NRules.Tests;

/// <summary>The NRules matcher's contract: firing cap, cancellation, input validation, cycles, and the seam's checks.</summary>
public sealed class NRulesMatcherTests
{
    private static readonly FactSet SomePatient = new FactSetGenerator(ShippedEngines.RuleSet.Compiled.Model).Create(7);

    [Fact]
    public void Evaluate_CapEqualToFirings_SucceedsAndOneFewerThrows()
    {
        var ruleSet = ShippedEngines.RuleSet.Compiled;
        var fired = ruleSet.Evaluate(SomePatient, ShippedEngines.NRules).FiredRules.Length;
        Assert.True(fired > 0);

        Assert.Equal(fired, ruleSet.Evaluate(SomePatient, ShippedEngines.NRules, new EvaluationOptions { MaxFirings = fired }).FiredRules.Length);
        Assert.Throws<EvaluationLimitExceededException>(() => ruleSet.Evaluate(SomePatient, ShippedEngines.NRules, new EvaluationOptions { MaxFirings = fired - 1 }));
    }

    [Fact]
    public void Evaluate_WithListener_ToldEveryRuleAsTheEngineTellsIt()
    {
        var ruleSet = ShippedEngines.RuleSet.Compiled;
        var engine = new RecordingListener();
        var nrules = new RecordingListener();

        ruleSet.Evaluate(SomePatient, new EvaluationOptions { Listener = engine });
        ruleSet.Evaluate(SomePatient, ShippedEngines.NRules, new EvaluationOptions { Listener = nrules });

        Assert.Equal(ruleSet.Model.Rules.Length, engine.Events.Count);
        Assert.Contains(engine.Events, e => e.Truth == Truth.True);
        Assert.Equal(engine.Events, nrules.Events);
    }

    [Fact]
    public void Evaluate_CancelledToken_ThrowsOperationCanceled()
    {
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => ShippedEngines.RuleSet.Compiled.Evaluate(SomePatient, ShippedEngines.NRules, cancellationToken: cancellation.Token));
    }

    [Fact]
    public void Evaluate_UndeclaredFact_ThrowsArgumentExceptionNamingIt()
    {
        var facts = SomePatient.With("no_such_fact", TypedValue.True);

        var error = Assert.Throws<ArgumentException>(() => ShippedEngines.RuleSet.Compiled.Evaluate(facts, ShippedEngines.NRules));
        Assert.Contains("no_such_fact", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_PositiveCycle_DerivesThroughTheCycleAndLeavesItUndecidedWhenAnInputIsMissing()
    {
        // p <- start; q <- p; p <- q and more: a cycle through positive tests only.
        var model = new RuleSetModel(
            "cycle",
            "1",
            [
                new FactDefinition("start", FactType.Boolean, FactOrigin.Input, "start", []),
                new FactDefinition("more", FactType.Boolean, FactOrigin.Input, "more", []),
                new FactDefinition("p", FactType.Boolean, FactOrigin.Derived, "p", []),
                new FactDefinition("q", FactType.Boolean, FactOrigin.Derived, "q", []),
            ],
            [
                Rule("p.from-start", new ComparisonCondition("start", ComparisonOperator.Equal, TypedValue.True), "p"),
                Rule("q.from-p", new ComparisonCondition("p", ComparisonOperator.Equal, TypedValue.True), "q"),
                Rule("p.from-q", new AllCondition([new ComparisonCondition("q", ComparisonOperator.Equal, TypedValue.True), new ComparisonCondition("more", ComparisonOperator.Equal, TypedValue.True)]), "p"),
            ]);
        var ruleSet = RuleSetCompiler.Compile(model).RuleSet!;
        Assert.Contains(ruleSet.DerivationStages(), s => s.Cyclic);
        var matcher = NRulesMatcher.Compile(ruleSet);

        foreach (var facts in new[]
        {
            FactSet.From([new("start", TypedValue.True)]),
            FactSet.From([new("start", TypedValue.False), new("more", TypedValue.True)]),
            FactSet.Empty,
            FactSet.From([new("start", TypedValue.False), new("more", TypedValue.False)]),
        })
        {
            var (ketcds, nrules) = (ruleSet.Evaluate(facts), ruleSet.Evaluate(facts, matcher));
            Assert.Null(Differential.FirstDifference(ruleSet, ketcds, nrules));
        }

        var open = ruleSet.Evaluate(FactSet.Empty, matcher);
        Assert.Equal(Truth.Unknown, open.RuleResult("q.from-p"));
        Assert.Empty(open.DerivedFacts);
        var derived = ruleSet.Evaluate(FactSet.From([new("start", TypedValue.True)]), matcher);
        Assert.Equal(["p", "q"], derived.DerivedFacts.Select(f => f.Key));
    }

    [Fact]
    public void Evaluate_MatcherContradictsRuleSet_ThrowsInvalidOperationNamingTheMatcher()
    {
        var liar = new FixedMatcher(new ExternalMatch([], ImmutableDictionary<string, Truth>.Empty, []));

        var error = Assert.Throws<InvalidOperationException>(() => PriorityRuleSet.Compiled.Evaluate(FactSet.Empty, liar));
        Assert.Contains("matcher 'fixed'", error.Message, StringComparison.Ordinal);
    }

    private static Rule Rule(string id, Condition when, string derives) =>
        new(id, id, id, 0, when, [new DeriveAction(derives, TypedValue.True)], ["claim.synthetic"]);

    private sealed class RecordingListener : IEvaluationListener
    {
        public List<(string RuleId, Truth Truth)> Events { get; } = [];

        public void RuleEvaluated(Rule rule, Truth truth) => Events.Add((rule.Id, truth));
    }

    private sealed class FixedMatcher(ExternalMatch match) : IExternalMatcher
    {
        public string Name => "fixed";

        public ExternalMatch Match(FactSet facts, EvaluationOptions options, CancellationToken cancellationToken) => match;
    }
}

using FsCheck.Xunit;
using KetCds.Engine.Tests.Support;

namespace KetCds.Engine.Tests.Properties;

/// <summary>Properties of <see cref="CompiledRuleSet.Evaluate"/> over random models and cases.</summary>
[Properties(Arbitrary = [typeof(ScenarioArbitraries)], MaxTest = 300, EndSize = 100)]
public class CompiledRuleSetPropertyTests
{
    private static CompiledRuleSet Compile(RuleSetModel model)
    {
        var compilation = RuleSetCompiler.Compile(model);
        Assert.True(compilation.Succeeded, string.Join("\n", compilation.Errors));
        return compilation.RuleSet;
    }

    [Property]
    public void Evaluate_RulesAndFactsShuffled_SameResultAndIdentity(Scenario scenario, int shuffleSeed)
    {
        var random = new Random(shuffleSeed);
        var shuffled = scenario.Model with
        {
            Rules = [.. scenario.Model.Rules.OrderBy(_ => random.Next())],
            Facts = [.. scenario.Model.Facts.OrderBy(_ => random.Next())],
        };
        var original = Compile(scenario.Model);
        var reordered = Compile(shuffled);
        Assert.Equal(original.ModelHash, reordered.ModelHash);

        var expected = ResultText.Render(original.Evaluate(FactSet.From(scenario.Facts)));
        var actual = ResultText.Render(reordered.Evaluate(FactSet.From(scenario.Facts.OrderBy(_ => random.Next()))));
        Assert.Equal(expected, actual);
    }

    [Property]
    public void Evaluate_AnyScenario_TerminatesWithinFiringCap(Scenario scenario)
    {
        var set = Compile(scenario.Model);
        var facts = FactSet.From(scenario.Facts);
        var fired = set.Evaluate(facts).FiredRules.Length;

        // Each rule fires at most once, so the exact number of firings is a sufficient cap and one fewer is not.
        Assert.InRange(fired, 0, scenario.Model.Rules.Length);
        Assert.Equal(fired, set.Evaluate(facts, new EvaluationOptions { MaxFirings = fired }).FiredRules.Length);
        if (fired > 0)
        {
            Assert.Throws<EvaluationLimitExceededException>(() => set.Evaluate(facts, new EvaluationOptions { MaxFirings = fired - 1 }));
        }
    }

    [Property]
    public void Listener_AnyScenario_ToldEveryRuleOnceWithTheReferenceTruth(Scenario scenario)
    {
        var set = Compile(scenario.Model);
        var facts = FactSet.From(scenario.Facts);
        var reference = ReferenceEvaluator.Evaluate(scenario.Model, scenario.Facts);
        var expected = scenario.Model.Rules.Select(r => (r.Id, reference.RuleTruth[r.Id])).OrderBy(e => e.Id, StringComparer.Ordinal).ToList();

        var result = new RecordingListener();
        set.Evaluate(facts, new EvaluationOptions { Listener = result });
        var buffered = new RecordingListener();
        set.Evaluate(facts, set.CreateBuffer(), new EvaluationOptions { Listener = buffered });

        Assert.Equal(expected, result.Events.OrderBy(e => e.RuleId, StringComparer.Ordinal));
        Assert.Equal(result.Events, buffered.Events);
    }

    [Property]
    public void RuleResult_EveryRule_AgreesWithReferenceEvaluator(Scenario scenario)
    {
        var result = Compile(scenario.Model).Evaluate(FactSet.From(scenario.Facts));
        var reference = ReferenceEvaluator.Evaluate(scenario.Model, scenario.Facts);

        foreach (var rule in scenario.Model.Rules)
        {
            Assert.True(reference.RuleTruth[rule.Id] == result.RuleResult(rule.Id), $"rule {rule.Id}: reference {reference.RuleTruth[rule.Id]}, engine {result.RuleResult(rule.Id)}");
        }

        Assert.Equal(
            reference.RuleTruth.Where(p => p.Value == Truth.True).Select(p => p.Key).Order(StringComparer.Ordinal),
            result.FiredRules.ToArray());
        Assert.Equal(
            reference.Derived.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"),
            result.DerivedFacts.Select(p => $"{p.Key}={p.Value}"));
    }

    [Property]
    public void MissingFacts_AnyScenario_ListOnlyAbsentInputsOfUnknownRules(Scenario scenario)
    {
        var result = Compile(scenario.Model).Evaluate(FactSet.From(scenario.Facts));
        var supplied = scenario.Facts.Select(f => f.Key).ToHashSet(StringComparer.Ordinal);
        foreach (var missing in result.MissingFacts)
        {
            Assert.DoesNotContain(missing.Fact, supplied);
            Assert.NotEmpty(missing.UndecidedRules);
            Assert.All(missing.UndecidedRules, id => Assert.Equal(Truth.Unknown, result.RuleResult(id)));
        }
    }
}

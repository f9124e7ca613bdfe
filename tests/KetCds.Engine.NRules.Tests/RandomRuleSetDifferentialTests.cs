using FsCheck.Xunit;
using KetCds.Engine.Tests.Properties;

namespace KetCds.Engine.NRules.Tests;

/// <summary>
/// The engine tests' random rule sets (nested all/any/not, positive cycles, conflicting priorities) compiled for both
/// engines, each evaluated on its own case and on random fact sets over its vocabulary.
/// </summary>
public sealed class RandomRuleSetDifferentialTests
{
    private const int FactSetsPerRuleSet = 25;

    [Property(Arbitrary = [typeof(ScenarioArbitraries)], MaxTest = 60, EndSize = 100)]
    public void Evaluate_RandomRuleSet_BothEnginesAgree(Scenario scenario)
    {
        var compilation = RuleSetCompiler.Compile(scenario.Model);
        Assert.True(compilation.Succeeded, string.Join("\n", compilation.Errors));
        var ruleSet = compilation.RuleSet;
        var matcher = NRulesMatcher.Compile(ruleSet);
        var generator = new FactSetGenerator(scenario.Model);

        var cases = new[] { (Label: "its own case", Facts: FactSet.From(scenario.Facts)) }
            .Concat(Enumerable.Range(0, FactSetsPerRuleSet).Select(i => (Label: $"FactSetGenerator.Create({scenario.Seed + i})", Facts: generator.Create(scenario.Seed + i))));
        foreach (var (label, facts) in cases)
        {
            var ketcds = ruleSet.Evaluate(facts);
            var nrules = ruleSet.Evaluate(facts, matcher);
            var difference = Differential.FirstDifference(ruleSet, ketcds, nrules);

            Assert.True(difference is null, $"{scenario}, {label}: {difference}\nfacts:\n{Differential.Render(facts)}");
        }
    }
}

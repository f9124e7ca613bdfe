using KetCds.Baseline;
using KetCds.Baseline.Generated;
using KetCds.Clinical.Regression;
using KetCds.Engine;

namespace KetCds.Clinical.Tests;

/// <summary>
/// The generated straight-line baseline of the shipped rules (tests/KetCds.Baseline/Generated), against which the
/// engine's speed is measured: it must be generated from the current rules and answer exactly as the engine does.
/// </summary>
public class ShippedRuleSetBaselineTests
{
    /// <summary>Set to 1 to rewrite the generated file from the current rules instead of failing on a difference.</summary>
    public const string RegenerateVariable = "KETCDS_REGENERATE_BASELINE";

    private static string GeneratedFile => Path.Combine(RepositoryPaths.Root, "tests", "KetCds.Baseline", "Generated", "ShippedRuleSetBaseline.g.cs");

    private static CompiledRuleSet Compiled => ShippedRuleSet.Load.RuleSet!.Compiled;

    [Fact]
    public void Generate_ShippedRules_MatchesCommittedFile()
    {
        var source = BaselineGenerator.Generate(Compiled, "KetCds.Baseline.Generated", "ShippedRuleSetBaseline");
        if (Environment.GetEnvironmentVariable(RegenerateVariable) == "1")
        {
            File.WriteAllText(GeneratedFile, source);
        }

        Assert.True(
            File.ReadAllText(GeneratedFile) == source,
            $"{GeneratedFile} is stale; regenerate with {RegenerateVariable}=1 dotnet test tests/KetCds.Clinical.Tests --filter ShippedRuleSetBaselineTests");
        Assert.True(Compiled.ModelHash == ShippedRuleSetBaseline.ContentSha256, "the generated baseline is of another rule-set version");
    }

    [Fact]
    public void Evaluate_RegressionCasesAndGeneratedFacts_BaselineAgreesWithEngine()
    {
        var set = Compiled;
        var cases = RegressionFacts().ToList();
        Assert.True(cases.Count >= 70, $"only {cases.Count} regression cases evaluated");
        var all = cases.Concat(RandomFacts.Generate(set, seed: 20_251_202, count: 5_000)).ToList();
        var generated = new ShippedRuleSetBaseline();
        var baseline = BaselineResult.For(set);
        foreach (var facts in all)
        {
            var bound = set.Bind(facts);
            generated.Evaluate(bound);
            generated.CopyTo(baseline);
            var difference = BaselineComparer.FirstDifference(set, bound, baseline);
            Assert.True(difference is null, $"{difference}\nfacts: {string.Join(", ", facts.Select(f => f.Key + "=" + f.Value))}");
        }
    }

    [Fact]
    public void FirstDifference_BaselineAnswerAltered_ReportsIt()
    {
        // The comparison itself must be able to fail: flip one rule's truth in an otherwise exact answer.
        var set = Compiled;
        var bound = set.Bind(RegressionFacts().First());
        var generated = new ShippedRuleSetBaseline();
        var baseline = BaselineResult.For(set);
        generated.Evaluate(bound);
        generated.CopyTo(baseline);
        Assert.Null(BaselineComparer.FirstDifference(set, bound, baseline));
        baseline.Truth[0] = (byte)(baseline.Truth[0] == 0 ? 2 : 0);
        Assert.NotNull(BaselineComparer.FirstDifference(set, bound, baseline));
    }

    /// <summary>The engine input facts of every regression case that passes validation.</summary>
    internal static IEnumerable<FactSet> RegressionFacts()
    {
        var evaluator = ShippedRuleSet.Evaluator;
        var (cases, errors) = RegressionCaseFile.LoadDirectory(RepositoryPaths.Cases);
        Assert.True(errors.IsEmpty, string.Join("\n", errors));
        var inputs = Compiled.Model.Facts.Where(f => f.Origin == FactOrigin.Input).Select(f => f.Name).ToArray();
        foreach (var regression in cases)
        {
            if (regression.Case.Request is not { } request || evaluator.Evaluate(request).Engine is not { } engine)
            {
                continue;
            }

            yield return FactSet.From(inputs
                .Select(name => (name, value: engine.GetFact(name)))
                .Where(x => x.value is not null)
                .Select(x => new KeyValuePair<string, TypedValue>(x.name, x.value!)));
        }
    }
}

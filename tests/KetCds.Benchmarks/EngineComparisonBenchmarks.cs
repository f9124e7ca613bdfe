using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using KetCds.Clinical;
using KetCds.Clinical.Regression;
using KetCds.Engine;
using KetCds.Engine.NRules;

namespace KetCds.Benchmarks;

/// <summary>
/// The shipped rule set on both engines in one run: the KetCds engine (baseline) and NRules through the external-matcher
/// seam, each cycling round-robin through the same patients (every valid regression case); and the one-off compile of
/// the rule set for each. The Ratio column is NRules over KetCds within each category.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class EngineComparisonBenchmarks
{
    private CompiledRuleSet _compiled = null!;
    private NRulesMatcher _matcher = null!;
    private FactSet[] _patients = [];
    private int _nextKetCds;
    private int _nextNRules;

    /// <summary>Loads rules/, compiles the NRules session factory and maps every valid regression case to its facts, outside the measurement.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var root = FindRoot();
        var (evaluator, load) = ClinicalEvaluator.FromDirectory(Path.Combine(root, "rules"));
        var clinical = evaluator ?? throw new InvalidOperationException(string.Join("\n", load.Errors));
        _compiled = clinical.RuleSet.Compiled;
        _matcher = NRulesMatcher.Compile(_compiled);
        var (cases, errors) = RegressionCaseFile.LoadDirectory(Path.Combine(root, "tests", "cases"));
        if (!errors.IsEmpty)
        {
            throw new InvalidOperationException(string.Join("\n", errors));
        }

        _patients = [.. cases
            .Select(c => clinical.Evaluate(c.Case.Request))
            .Where(e => e.IsValid)
            .Select(e => FactSet.From(_compiled.Model.Facts
                .Where(f => f.Origin == FactOrigin.Input)
                .Select(f => (f.Name, Value: e.Engine!.GetFact(f.Name)))
                .Where(x => x.Value is not null)
                .Select(x => new KeyValuePair<string, TypedValue>(x.Name, x.Value!))))];
    }

    /// <summary>One evaluation on the KetCds engine, the next patient each call.</summary>
    [Benchmark(Baseline = true)]
    [BenchmarkCategory("Evaluate")]
    public RuleSetEvaluation EvaluateKetCds() => _compiled.Evaluate(_patients[_nextKetCds++ % _patients.Length]);

    /// <summary>One evaluation on NRules (fresh session, insert, fire, read back, build the result), the next patient each call.</summary>
    [Benchmark]
    [BenchmarkCategory("Evaluate")]
    public RuleSetEvaluation EvaluateNRules() => _compiled.Evaluate(_patients[_nextNRules++ % _patients.Length], _matcher);

    /// <summary>Validating and compiling the rule-set model for the KetCds engine.</summary>
    [Benchmark(Baseline = true)]
    [BenchmarkCategory("Compile")]
    public RuleSetCompilation CompileKetCds() => RuleSetCompiler.Compile(_compiled.Model);

    /// <summary>Translating the compiled rule set to NRules' canonical model and compiling it into a session factory.</summary>
    [Benchmark]
    [BenchmarkCategory("Compile")]
    public NRulesMatcher CompileNRules() => NRulesMatcher.Compile(_compiled);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "KetCds.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("KetCds.sln not found above " + AppContext.BaseDirectory);
    }
}

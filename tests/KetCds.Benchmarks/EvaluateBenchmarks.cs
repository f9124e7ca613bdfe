using BenchmarkDotNet.Attributes;
using KetCds.Engine;

namespace KetCds.Benchmarks;

/// <summary>One evaluation of a 30-fact case against synthetic rule sets of growing size.</summary>
[MemoryDiagnoser]
[MedianColumn]
public class EvaluateBenchmarks
{
    private CompiledRuleSet _ruleSet = null!;
    private FactSet _case = null!;

    /// <summary>How many rules the synthetic rule set has.</summary>
    [Params(100, 1_000, 10_000)]
    public int Rules { get; set; }

    /// <summary>Builds and compiles the rule set once, outside the measurement.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var synthetic = SyntheticRuleSet.Create(Rules);
        _ruleSet = synthetic.Compile();
        _case = synthetic.Case;
    }

    /// <summary>Evaluate only; explanations stay lazy and are not built.</summary>
    [Benchmark]
    public EvaluationResult Evaluate() => _ruleSet.Evaluate(_case);
}

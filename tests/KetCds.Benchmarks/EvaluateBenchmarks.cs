using BenchmarkDotNet.Attributes;
using KetCds.Engine;

namespace KetCds.Benchmarks;

/// <summary>
/// One evaluation against synthetic rule sets of growing size, with a sparse case (30 inputs) and a dense one (every
/// input supplied). The "x 100 rules" column is each median over the 100-rule median of the same method and case.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
[Config(typeof(ScaleRatioConfig))]
public class EvaluateBenchmarks
{
    private CompiledRuleSet _ruleSet = null!;
    private FactSet _case = null!;
    private BoundFacts _bound = null!;
    private EvaluationBuffer _buffer = null!;

    /// <summary>How the case covers the vocabulary.</summary>
    public enum Density
    {
        /// <summary>30 input facts, whatever the vocabulary's size.</summary>
        Sparse,

        /// <summary>Every input fact supplied.</summary>
        Dense,
    }

    /// <summary>How many rules the synthetic rule set has.</summary>
    [Params(100, 1_000, 10_000)]
    public int Rules { get; set; }

    /// <summary>Which case.</summary>
    [Params(Density.Sparse, Density.Dense)]
    public Density Inputs { get; set; }

    /// <summary>Builds and compiles the rule set once, outside the measurement.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var synthetic = SyntheticRuleSet.Create(Rules);
        _ruleSet = synthetic.Compile();
        _case = Inputs == Density.Sparse ? synthetic.Case : synthetic.DenseCase;
        _bound = _ruleSet.Bind(_case);
        _buffer = _ruleSet.CreateBuffer();

        // Large rule sets compile their code in the background; measure the compiled code, not the interpreter before it.
        _ruleSet.Kernel.WhenCompiled().Wait();
    }

    /// <summary><c>Evaluate(FactSet)</c>: binding by name, matching, the result; explanations stay lazy and are not built.</summary>
    [Benchmark]
    public RuleSetEvaluation Evaluate() => _ruleSet.Evaluate(_case);

    /// <summary>The decision path alone: bound facts into a reused buffer.</summary>
    [Benchmark]
    public int EvaluateIntoBuffer()
    {
        _ruleSet.Evaluate(_bound, _buffer);
        return _buffer.FiredCount;
    }
}

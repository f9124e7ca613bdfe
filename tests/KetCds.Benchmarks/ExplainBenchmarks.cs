using BenchmarkDotNet.Attributes;
using KetCds.Engine;

namespace KetCds.Benchmarks;

/// <summary>What a caller pays when it asks for every explanation: evaluate, justify each outcome, list missing facts.</summary>
[MemoryDiagnoser]
[MedianColumn]
public class ExplainBenchmarks
{
    private CompiledRuleSet _ruleSet = null!;
    private FactSet _case = null!;

    /// <summary>Builds and compiles the 100-rule set once.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var synthetic = SyntheticRuleSet.Create(100);
        _ruleSet = synthetic.Compile();
        _case = synthetic.Case;
    }

    /// <summary>Evaluate, then Explain every outcome and read MissingFacts.</summary>
    [Benchmark]
    public int EvaluateExplainAll()
    {
        var result = _ruleSet.Evaluate(_case);
        var nodes = 0;
        foreach (var outcome in result.Outcomes)
        {
            nodes += result.Explain(outcome).MatchedFacts.Length;
        }

        return nodes + result.MissingFacts.Length;
    }
}

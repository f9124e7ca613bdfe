using BenchmarkDotNet.Attributes;
using KetCds.Engine;

namespace KetCds.Benchmarks;

/// <summary>Validating and compiling a large rule set, which happens once per rule-set version (and on hot reload).</summary>
[MemoryDiagnoser]
[MedianColumn]
public class CompileBenchmarks
{
    private RuleSetModel _model = null!;

    /// <summary>Builds the 10,000-rule model once.</summary>
    [GlobalSetup]
    public void Setup() => _model = SyntheticRuleSet.Create(10_000).Model;

    /// <summary>Compile 10,000 rules.</summary>
    [Benchmark]
    public RuleSetCompilation Compile10000() => RuleSetCompiler.Compile(_model);
}

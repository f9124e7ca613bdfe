using BenchmarkDotNet.Attributes;
using KetCds.Baseline;
using KetCds.Baseline.Generated;
using KetCds.Engine;

namespace KetCds.Benchmarks;

/// <summary>
/// The engine against the limit: straight-line code generated from the same compiled rules (tests/KetCds.Baseline),
/// round-robin over every regression case and 356 generated patients. Each invocation evaluates the next
/// <see cref="PerInvoke"/> patients, so the figures are per evaluation; the Ratio column is the engine over the limit.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class EngineLimitBenchmarks
{
    /// <summary>Evaluations per invocation.</summary>
    public const int PerInvoke = 400;

    private ShippedPatients _patients = null!;
    private CompiledRuleSet _ruleSet = null!;
    private EvaluationBuffer _buffer = null!;
    private ShippedRuleSetBaseline _baseline = null!;
    private int _next;

    /// <summary>Loads the rules and patients, and checks the generated code is of this rule-set version.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _patients = ShippedPatients.Load();
        _ruleSet = _patients.RuleSet;
        if (_ruleSet.ModelHash != ShippedRuleSetBaseline.ContentSha256)
        {
            throw new InvalidOperationException("the generated baseline is stale; see tests/KetCds.Benchmarks/README.md");
        }

        _buffer = _ruleSet.CreateBuffer();
        _baseline = new ShippedRuleSetBaseline();
        Console.WriteLine($"// patients: {_patients.RegressionCount} regression cases + {_patients.Facts.Length - _patients.RegressionCount} generated");
    }

    /// <summary>Generated straight-line code on bound facts: the limit.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = PerInvoke)]
    public int StraightLine()
    {
        var fired = 0;
        for (var i = 0; i < PerInvoke; i++)
        {
            _baseline.Evaluate(_patients.Bound[Next()]);
            fired += _baseline.Fired;
        }

        return fired;
    }

    /// <summary>The engine's decision path on bound facts into a reused buffer, sorted outcomes read.</summary>
    [Benchmark(OperationsPerInvoke = PerInvoke)]
    public int EngineBound()
    {
        var outcomes = 0;
        for (var i = 0; i < PerInvoke; i++)
        {
            _ruleSet.Evaluate(_patients.Bound[Next()], _buffer);
            outcomes += _buffer.Outcomes().Length;
        }

        return outcomes;
    }

    /// <summary>The same from a FactSet: binding facts by name and checking them is included.</summary>
    [Benchmark(OperationsPerInvoke = PerInvoke)]
    public int EngineFactSet()
    {
        var outcomes = 0;
        for (var i = 0; i < PerInvoke; i++)
        {
            _ruleSet.Evaluate(_patients.Facts[Next()], _buffer);
            outcomes += _buffer.Outcomes().Length;
        }

        return outcomes;
    }

    /// <summary><c>CompiledRuleSet.Evaluate(FactSet)</c>: the result object with explanations on demand, outcomes read.</summary>
    [Benchmark(OperationsPerInvoke = PerInvoke)]
    public int EngineResult()
    {
        var outcomes = 0;
        for (var i = 0; i < PerInvoke; i++)
        {
            outcomes += _ruleSet.Evaluate(_patients.Facts[Next()]).Outcomes.Length;
        }

        return outcomes;
    }

    private int Next()
    {
        var next = _next;
        _next = next + 1 == _patients.Facts.Length ? 0 : next + 1;
        return next;
    }
}

using BenchmarkDotNet.Attributes;
using KetCds.Engine;

namespace KetCds.Benchmarks;

/// <summary>
/// A clinical STANDARD evaluation (validation, fact mapping, engine, result) against the engine alone on the same
/// patients, round-robin over every regression case and 356 generated patients; the Ratio column is clinical over engine.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class ClinicalRoundRobinBenchmarks
{
    /// <summary>Evaluations per invocation.</summary>
    public const int PerInvoke = 400;

    private ShippedPatients _patients = null!;
    private int _next;

    /// <summary>Loads the rules and patients.</summary>
    [GlobalSetup]
    public void Setup() => _patients = ShippedPatients.Load();

    /// <summary>The engine alone: <c>CompiledRuleSet.Evaluate(FactSet)</c>, outcomes and missing facts read (what STANDARD reads).</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = PerInvoke)]
    public int EngineAlone()
    {
        var count = 0;
        for (var i = 0; i < PerInvoke; i++)
        {
            var result = _patients.RuleSet.Evaluate(_patients.Facts[Next()]);
            count += result.Outcomes.Length + result.MissingFacts.Length;
        }

        return count;
    }

    /// <summary>The whole clinical evaluation at STANDARD detail.</summary>
    [Benchmark(OperationsPerInvoke = PerInvoke)]
    public int ClinicalStandard()
    {
        var count = 0;
        for (var i = 0; i < PerInvoke; i++)
        {
            count += _patients.Evaluator.Evaluate(_patients.Requests[Next()]).Result!.Routes.Count;
        }

        return count;
    }

    private int Next()
    {
        var next = _next;
        _next = next + 1 == _patients.Facts.Length ? 0 : next + 1;
        return next;
    }
}

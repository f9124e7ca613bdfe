using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using KetCds.Rules;

namespace KetCds.Benchmarks;

/// <summary>
/// Loading 10,000 synthetic rules through YAML (the hot-reload path: parse, validate, compile to the dense form), each
/// measurement the first load in a fresh process (cold start: JIT and all).
/// </summary>
[SimpleJob(RunStrategy.ColdStart, launchCount: 5, warmupCount: 0, iterationCount: 1)]
[MemoryDiagnoser]
[MedianColumn]
public class LoadBenchmarks
{
    private string _directory = null!;

    /// <summary>Writes the rule set's files once per process, outside the measurement.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _directory = Path.Combine(Path.GetTempPath(), $"ketcds-load-10000-{Environment.ProcessId}");
        SyntheticRuleSetFiles.Write(SyntheticRuleSet.Create(10_000).Model, _directory);
    }

    /// <summary>Removes the files.</summary>
    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_directory, recursive: true);

    /// <summary>RuleSetLoader.Load of the 10,000-rule directory; fails loudly if it does not load.</summary>
    [Benchmark]
    public LoadedRuleSet Load10000()
    {
        var load = RuleSetLoader.Load(_directory);
        return load.RuleSet ?? throw new InvalidOperationException(string.Join("\n", load.Errors.Take(10)));
    }
}

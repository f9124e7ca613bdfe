using System.Globalization;
using KetCds.Baseline;
using KetCds.Engine;

namespace KetCds.Benchmarks;

/// <summary>
/// The straight-line baseline of the synthetic rule sets, to see whether code generated per rule (the issue's "limit"
/// on the shipped rules) scales from 100 to 10,000 rules better than the engine: <c>dense-limit-write DIR</c> writes
/// the baselines of the 100- and 10,000-rule sets as C#, a build with <c>-p:DenseLimitSources=DIR</c> compiles them
/// into this program, and <c>dense-limit [rounds]</c> checks them against the engine and times both, alternately, on
/// the dense and sparse cases. Not part of the normal build: the 10,000-rule baseline is about 7 MB of C#
/// (tests/KetCds.Benchmarks/dense-limit.sh runs all three steps).
/// </summary>
public static class DenseLimit
{
    private const string Namespace = "KetCds.Benchmarks.Generated";

    private static readonly int[] Sizes = [100, 10_000];

    /// <summary>Writes the generated baselines of the synthetic 100- and 10,000-rule sets into <paramref name="directory"/>.</summary>
    public static void Write(string directory)
    {
        Directory.CreateDirectory(directory);
        foreach (var size in Sizes)
        {
            var code = BaselineGenerator.Generate(SyntheticRuleSet.Create(size).Compile(), Namespace, ClassName(size));
            File.WriteAllText(Path.Combine(directory, ClassName(size) + ".g.cs"), code);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{size} rules: {code.Length / 1e6:F1} MB of C#"));
        }
    }

    /// <summary>Checks the compiled-in baselines against the engine, then prints the medians and the 10,000 / 100 ratios of both.</summary>
    public static int Run(int rounds)
    {
        var types = Sizes.Select(size => typeof(DenseLimit).Assembly.GetType($"{Namespace}.{ClassName(size)}")).ToArray();
        if (types.Any(t => t is null))
        {
            Console.Error.WriteLine("the synthetic baselines are not compiled in: run tests/KetCds.Benchmarks/dense-limit.sh");
            return 1;
        }

        var cases = new List<(string Name, CompiledRuleSet Set, BoundFacts Facts, Action<BoundFacts> Baseline, EvaluationBuffer Buffer)>();
        for (var s = 0; s < Sizes.Length; s++)
        {
            var synthetic = SyntheticRuleSet.Create(Sizes[s]);
            var set = synthetic.Compile();
            set.Kernel.WhenCompiled().Wait();
            var instance = Activator.CreateInstance(types[s]!)!;
            var evaluate = types[s]!.GetMethod("Evaluate")!.CreateDelegate<Action<BoundFacts>>(instance);
            var copy = types[s]!.GetMethod("CopyTo")!.CreateDelegate<Action<BaselineResult>>(instance);
            foreach (var (what, facts) in new[] { ("dense", synthetic.DenseCase), ("sparse", synthetic.Case) })
            {
                var bound = set.Bind(facts);
                evaluate(bound);
                var result = BaselineResult.For(set);
                copy(result);
                if (BaselineComparer.FirstDifference(set, bound, result) is { } difference)
                {
                    Console.Error.WriteLine($"{Sizes[s]} rules {what}: the baseline differs from the engine: {difference}");
                    return 1;
                }

                cases.Add(($"{Sizes[s]} rules {what}", set, bound, evaluate, set.CreateBuffer()));
            }
        }

        Console.WriteLine("both baselines answer as the engine does on the dense and sparse cases (every rule's truth, every fact)");
        var samples = new Dictionary<string, List<double>>();
        for (var round = 0; round < rounds + 2; round++)
        {
            foreach (var c in cases)
            {
                Sample(samples, round, $"straight-line {c.Name}", DenseLoop.Batch(() => c.Baseline(c.Facts)));
                Sample(samples, round, $"engine {c.Name}", DenseLoop.Batch(() => c.Set.Evaluate(c.Facts, c.Buffer)));
            }
        }

        var median = samples.ToDictionary(p => p.Key, p => p.Value.Order().ElementAt(p.Value.Count / 2));
        foreach (var (name, ns) in median)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-34} {ns,10:F1} ns CPU per evaluation (median of {rounds})"));
        }

        foreach (var what in new[] { "dense", "sparse" })
        {
            double M(string who, int size) => median[$"{who} {size} rules {what}"];
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"10,000 / 100 rules, {what}: straight-line {M("straight-line", 10_000) / M("straight-line", 100):F1}x, engine {M("engine", 10_000) / M("engine", 100):F1}x; engine / straight-line: {M("engine", 100) / M("straight-line", 100):F2}x at 100 rules, {M("engine", 10_000) / M("straight-line", 10_000):F2}x at 10,000"));
        }

        return 0;
    }

    private static string ClassName(int size) => $"Synthetic{size}Baseline";

    private static void Sample(Dictionary<string, List<double>> samples, int round, string name, double ns)
    {
        if (round >= 2)
        {
            (samples.TryGetValue(name, out var list) ? list : samples[name] = []).Add(ns);
        }
    }
}

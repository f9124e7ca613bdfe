using System.Globalization;
using KetCds.Engine;

namespace KetCds.Benchmarks;

/// <summary>
/// The dense scaling case alone (bound facts into a buffer, every input supplied, 100 and 10,000 synthetic rules,
/// and the 10,000-rule set with no input), alternating in batches of process CPU time, then the 10,000-rule dense
/// case (or, given <c>empty</c> or <c>sparse</c>, the one with no input or with 30 inputs) alone for the given seconds with its process id printed, so that a profiler sees only that path. Run with
/// <c>dotnet run -c Release --project tests/KetCds.Benchmarks -- dense-loop [rounds] [seconds] [empty|sparse]</c>.
/// </summary>
public static class DenseLoop
{
    /// <summary>Prints the medians and the ratios, then loops the 10,000-rule case named by <paramref name="loop"/> (dense, empty or sparse) for <paramref name="seconds"/>.</summary>
    public static void Run(int rounds, int seconds, string loop = "dense")
    {
        var (small, large) = (SyntheticRuleSet.Create(100), SyntheticRuleSet.Create(10_000));
        var (set100, set10k) = (small.Compile(), large.Compile());
        set10k.Kernel.WhenCompiled().Wait();
        var (buffer100, buffer10k) = (set100.CreateBuffer(), set10k.CreateBuffer());
        var (dense100, dense10k, empty10k) = (set100.Bind(small.DenseCase), set10k.Bind(large.DenseCase), set10k.Bind(FactSet.Empty));
        var (sparse100, sparse10k) = (set100.Bind(small.Case), set10k.Bind(large.Case));
        var (state100, state10k) = (set100.Kernel.CreateState(), set10k.Kernel.CreateState());
        var candidates = new (string Name, Action Body)[]
        {
            ("100 rules dense", () => set100.Evaluate(dense100, buffer100)),
            ("10000 rules dense", () => set10k.Evaluate(dense10k, buffer10k)),
            ("10000 rules, no input", () => set10k.Evaluate(empty10k, buffer10k)),
            ("100 rules sparse", () => set100.Evaluate(sparse100, buffer100)),
            ("10000 rules sparse", () => set10k.Evaluate(sparse10k, buffer10k)),
            ("10000 rules dense, interpreted", () => set10k.RunInterpreted(state10k, dense10k)),
            ("10000 rules: reset alone", () => set10k.Kernel.Reset(state10k)),
            ("10000 rules: reset, inputs set", () => Inputs(set10k, state10k, dense10k)),
            ("100 rules: reset, inputs set", () => Inputs(set100, state100, dense100)),
        };
        var samples = candidates.Select(_ => new List<double>()).ToArray();
        for (var round = 0; round < rounds + 2; round++)
        {
            for (var c = 0; c < candidates.Length; c++)
            {
                var ns = Batch(candidates[c].Body);
                if (round >= 2)
                {
                    samples[c].Add(ns);
                }
            }
        }

        var medians = samples.Select(s => s.Order().ElementAt(s.Count / 2)).ToArray();
        for (var c = 0; c < candidates.Length; c++)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{candidates[c].Name,-24} {medians[c],10:F1} ns CPU per evaluation (median of {rounds})"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"10,000 / 100 rules, dense: {medians[1] / medians[0]:F1}x, sparse: {medians[4] / medians[3]:F1}x (goal <= 20x)"));
        Work("100", set100, dense100, buffer100);
        Work("10,000", set10k, dense10k, buffer10k);
        Work("100", set100, sparse100, buffer100);
        Work("10,000", set10k, sparse10k, buffer10k);
        if (seconds <= 0)
        {
            return;
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"pid {Environment.ProcessId}"));
        var end = Environment.CpuUsage.TotalTime + TimeSpan.FromSeconds(seconds);
        while (Environment.CpuUsage.TotalTime < end)
        {
            for (var i = 0; i < 1_000; i++)
            {
                set10k.Evaluate(loop == "empty" ? empty10k : loop == "sparse" ? sparse10k : dense10k, buffer10k);
            }
        }
    }

    /// <summary>The work behind the ratio: rules evaluated (not skipped by their guard), fired, deriving rules fired, and how the derived facts ended.</summary>
    private static void Work(string name, CompiledRuleSet set, BoundFacts facts, EvaluationBuffer buffer)
    {
        set.Evaluate(facts, buffer);
        var state = buffer.State;
        var evaluated = state.Truth.Count(t => t != KetCds.Engine.Internal.RuleTruth.Skipped);
        var fired = state.Firings.Take(state.FiringCount).ToArray();
        var derivers = fired.Count(r => set.Kernel.DerivationCount(r) > 0);
        var derived = Enumerable.Range(0, set.Kernel.Index.Count).Where(s => set.Kernel.Index.Definitions[s].Origin != FactOrigin.Input).Select(s => state.Facts.Status[s]).GroupBy(s => s).Select(g => $"{g.Key} {g.Count()}");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"work, {name} rules, {facts.Slots.Length} inputs: {evaluated} evaluated, {fired.Length} fired ({derivers} deriving), {set.Kernel.Tests.Count} tests; derived facts: {string.Join(", ", derived)}; {StagesRun(set, state)}"));
    }

    /// <summary>How many stages ran: with the stage skip, those with a trigger slot whose final status differs from the no-input run's.</summary>
    private static string StagesRun(CompiledRuleSet set, KetCds.Engine.Internal.Kernel.KernelState state)
    {
        var kernel = set.Kernel;
        var stages = kernel.Plan.Stages.Length;
        if (!kernel.SkipsStages)
        {
            return $"all {stages} stages run";
        }

        var run = Enumerable.Range(0, stages).Count(s => kernel.StageTriggers(s).Any(slot => state.Facts.Status[slot] != kernel.NoInputStatus[slot]));
        return $"{run} of {stages} stages run";
    }

    /// <summary>The part of an evaluation before any rule runs: the working memory reset and every input set.</summary>
    private static void Inputs(CompiledRuleSet set, KetCds.Engine.Internal.Kernel.KernelState state, BoundFacts facts)
    {
        set.Kernel.Reset(state);
        for (var i = 0; i < facts.Slots.Length; i++)
        {
            set.Kernel.SetInput(state, facts.Slots[i], facts.Values[i], facts.Lanes[i], facts.Numbers[i]);
        }
    }

    /// <summary>The CPU time of one call of <paramref name="body"/>, over a batch of calls taking at least 20 ms of process CPU time.</summary>
    internal static double Batch(Action body)
    {
        var count = 64;
        while (true)
        {
            var start = Environment.CpuUsage.TotalTime;
            for (var i = 0; i < count; i++)
            {
                body();
            }

            var spent = Environment.CpuUsage.TotalTime - start;
            if (spent.TotalMilliseconds >= 20)
            {
                return spent.TotalNanoseconds / count;
            }

            count *= 2;
        }
    }
}

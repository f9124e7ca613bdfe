using System.Diagnostics;
using System.Globalization;
using KetCds.Baseline.Generated;

namespace KetCds.Benchmarks;

/// <summary>
/// The engine's decision path on bound facts (outcomes read), or the straight-line baseline, round-robin over the shipped
/// patients for a given time and nothing else, so a profiler attached to the process sees only that path. Run with
/// <c>dotnet run -c Release --project tests/KetCds.Benchmarks -- limit-loop [seconds] [engine|baseline]</c>.
/// </summary>
public static class LimitLoop
{
    /// <summary>Evaluates for <paramref name="seconds"/> after a warm-up and prints the CPU time per evaluation.</summary>
    public static void Run(int seconds, bool baseline)
    {
        var patients = ShippedPatients.Load();
        var set = patients.RuleSet;
        var buffer = set.CreateBuffer();
        var generated = new ShippedRuleSetBaseline();
        var n = patients.Bound.Length;
        var outcomes = 0;
        void Evaluate(int i)
        {
            if (baseline)
            {
                generated.Evaluate(patients.Bound[i % n]);
                outcomes += generated.Fired;
            }
            else
            {
                set.Evaluate(patients.Bound[i % n], buffer);
                outcomes += buffer.Outcomes().Length;
            }
        }

        for (var i = 0; i < 200_000; i++)
        {
            Evaluate(i);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"warm; looping the {(baseline ? "baseline" : "engine")} for {seconds} s (pid {Environment.ProcessId})"));
        var clock = Stopwatch.StartNew();
        var cpu = Environment.CpuUsage.TotalTime;
        long calls = 0;
        while (clock.Elapsed.TotalSeconds < seconds)
        {
            for (var i = 0; i < 10_000; i++)
            {
                Evaluate((int)(calls++ % n));
            }
        }

        var spent = Environment.CpuUsage.TotalTime - cpu;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{calls} evaluations, {spent.TotalNanoseconds / calls:F0} ns CPU per evaluation ({outcomes} outcomes or firings)"));
    }
}

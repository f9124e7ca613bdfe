using System.Diagnostics;
using System.Globalization;

namespace KetCds.Benchmarks;

/// <summary>
/// Clinical STANDARD evaluations round-robin over the shipped patients for a given time and nothing else, so a profiler
/// attached to the process (<c>perf record</c> with <c>DOTNET_PerfMapEnabled=1</c>) sees only that path. Run with
/// <c>dotnet run -c Release --project tests/KetCds.Benchmarks -- clinical-loop [seconds]</c>.
/// </summary>
public static class ClinicalLoop
{
    /// <summary>Evaluates for <paramref name="seconds"/> after a warm-up and prints the CPU time and bytes per call.</summary>
    public static void Run(int seconds)
    {
        var patients = ShippedPatients.Load();
        var n = patients.Requests.Length;
        for (var i = 0; i < 20_000; i++)
        {
            patients.Evaluator.Evaluate(patients.Requests[i % n]);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"warm; looping for {seconds} s (pid {Environment.ProcessId})"));
        var clock = Stopwatch.StartNew();
        var cpu = Environment.CpuUsage.TotalTime;
        var bytes = GC.GetAllocatedBytesForCurrentThread();
        long calls = 0;
        while (clock.Elapsed.TotalSeconds < seconds)
        {
            for (var i = 0; i < 1_000; i++)
            {
                patients.Evaluator.Evaluate(patients.Requests[(int)(calls++ % n)]);
            }
        }

        var spent = Environment.CpuUsage.TotalTime - cpu;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{calls} calls, {spent.TotalNanoseconds / calls:F0} ns CPU and {(GC.GetAllocatedBytesForCurrentThread() - bytes) / calls} B per call"));
    }
}

using System.Diagnostics;
using System.Globalization;

namespace KetCds.Benchmarks;

/// <summary>
/// The patient-view call of <see cref="CdsHooksBenchmarks"/> for a while, one line every 5 seconds: calls, wall and
/// process CPU time per call, bytes allocated per call, gen0 collections and GC pause. BenchmarkDotNet reports the steady
/// state; this shows how long tiered compilation takes to reach it (Firely's parser is most of a call) and what the
/// collector costs on the way, under whatever DOTNET_* settings the process is started with. Back to back by default;
/// given a rate, the calls are paced like <c>tests/load/cds-hooks.sh</c> sends them, and each line adds the wall-time
/// percentiles of its calls, so the server's latency can be set against the same call's with no HTTP around it. Run with
/// <c>dotnet run -c Release --project tests/KetCds.Benchmarks -- hooks-warmup [seconds] [calls-per-second]</c>.
/// </summary>
public static class CdsHooksWarmup
{
    private const int WindowMilliseconds = 5000;

    /// <summary>Calls patient-view for <paramref name="seconds"/> seconds (at <paramref name="rate"/> calls per second when
    /// above 0, else back to back), printing each 5-second window.</summary>
    public static void Run(int seconds, int rate = 0)
    {
        var benchmark = new CdsHooksBenchmarks();
        benchmark.Setup();
        try
        {
            var end = Stopwatch.StartNew();
            var interval = rate > 0 ? Stopwatch.Frequency / rate : 0;
            var next = Stopwatch.GetTimestamp();
            var latencies = new List<double>();
            while (end.Elapsed.TotalSeconds < seconds)
            {
                var (cpu, gen0, pause, allocated) = (Environment.CpuUsage.TotalTime, GC.CollectionCount(0), GC.GetTotalPauseDuration(), GC.GetAllocatedBytesForCurrentThread());
                var window = Stopwatch.StartNew();
                var calls = 0;
                latencies.Clear();
                while (window.ElapsedMilliseconds < WindowMilliseconds)
                {
                    if (interval > 0)
                    {
                        // Sleep to the call's slot; a late call is not made up for, as h2load --rps does not either.
                        var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), next);
                        if (wait > TimeSpan.Zero)
                        {
                            Thread.Sleep(wait);
                        }

                        next = Math.Max(next + interval, Stopwatch.GetTimestamp() - interval);
                    }

                    var started = Stopwatch.GetTimestamp();
                    benchmark.PatientView();
                    latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    calls++;
                }

                latencies.Sort();
                var paced = interval > 0
                    ? string.Create(CultureInfo.InvariantCulture, $", call p50 {Percentile(latencies, 0.50):F2} p99 {Percentile(latencies, 0.99):F2} max {latencies[^1]:F2} ms")
                    : string.Empty;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{end.Elapsed.TotalSeconds,4:F0} s: {calls,5} calls, {window.Elapsed.TotalMicroseconds / calls,6:F0} us wall and {(Environment.CpuUsage.TotalTime - cpu).TotalMicroseconds / calls,6:F0} us CPU per call, {(GC.GetAllocatedBytesForCurrentThread() - allocated) / calls,7} B allocated per call, {GC.CollectionCount(0) - gen0,4} gen0 GCs, {(GC.GetTotalPauseDuration() - pause).TotalMilliseconds,4:F0} ms GC pause{paced}; load {File.ReadAllText("/proc/loadavg")[..14]}"));
            }
        }
        finally
        {
            benchmark.Cleanup();
        }
    }

    private static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}

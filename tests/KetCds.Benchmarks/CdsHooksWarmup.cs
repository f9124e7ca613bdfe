using System.Diagnostics;
using System.Globalization;

namespace KetCds.Benchmarks;

/// <summary>
/// The patient-view call of <see cref="CdsHooksBenchmarks"/> back to back for a while, one line every 5 seconds: calls,
/// wall and process CPU time per call, bytes allocated per call, gen0 collections and GC pause. BenchmarkDotNet reports
/// the steady state; this shows how long tiered compilation takes to reach it (Firely's parser is most of a call) and
/// what the collector costs on the way, under whatever DOTNET_* settings the process is started with. Run with
/// <c>dotnet run -c Release --project tests/KetCds.Benchmarks -- hooks-warmup [seconds]</c>.
/// </summary>
public static class CdsHooksWarmup
{
    /// <summary>Calls patient-view for <paramref name="seconds"/> seconds, printing each 5-second window.</summary>
    public static void Run(int seconds)
    {
        var benchmark = new CdsHooksBenchmarks();
        benchmark.Setup();
        try
        {
            var end = Stopwatch.StartNew();
            while (end.Elapsed.TotalSeconds < seconds)
            {
                var (cpu, gen0, pause, allocated) = (Environment.CpuUsage.TotalTime, GC.CollectionCount(0), GC.GetTotalPauseDuration(), GC.GetAllocatedBytesForCurrentThread());
                var window = Stopwatch.StartNew();
                var calls = 0;
                while (window.ElapsedMilliseconds < 5000)
                {
                    benchmark.PatientView();
                    calls++;
                }

                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{end.Elapsed.TotalSeconds,4:F0} s: {calls,5} calls, {window.Elapsed.TotalMicroseconds / calls,6:F0} us wall and {(Environment.CpuUsage.TotalTime - cpu).TotalMicroseconds / calls,6:F0} us CPU per call, {(GC.GetAllocatedBytesForCurrentThread() - allocated) / calls,7} B allocated per call, {GC.CollectionCount(0) - gen0,4} gen0 GCs, {(GC.GetTotalPauseDuration() - pause).TotalMilliseconds,4:F0} ms GC pause; load {File.ReadAllText("/proc/loadavg")[..14]}"));
            }
        }
        finally
        {
            benchmark.Cleanup();
        }
    }
}

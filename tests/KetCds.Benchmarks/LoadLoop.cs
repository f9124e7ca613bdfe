using System.Globalization;
using KetCds.Rules;

namespace KetCds.Benchmarks;

/// <summary>
/// The 10,000-rule YAML load repeated in one process: after the first (cold) load the JIT is out of the way, so a
/// profiler attached once it prints its process id sees the loader's steady cost. Run with
/// <c>dotnet run -c Release --project tests/KetCds.Benchmarks -- load-loop [loads]</c>.
/// </summary>
public static class LoadLoop
{
    /// <summary>Writes the synthetic rule set once, then loads it <paramref name="loads"/> times, printing each load's CPU time and allocation.</summary>
    public static void Run(int loads)
    {
        var directory = Path.Combine(Path.GetTempPath(), $"ketcds-load-loop-10000-{Environment.ProcessId}");
        SyntheticRuleSetFiles.Write(SyntheticRuleSet.Create(10_000).Model, directory);
        try
        {
            for (var i = 0; i < loads; i++)
            {
                var cpu = Environment.CpuUsage.TotalTime;
                var allocated = GC.GetTotalAllocatedBytes(precise: true);
                var load = RuleSetLoader.Load(directory);
                if (!load.Succeeded)
                {
                    throw new InvalidOperationException(string.Join("\n", load.Errors.Take(10)));
                }

                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"load {i + 1}: {(Environment.CpuUsage.TotalTime - cpu).TotalMilliseconds:F0} ms CPU, {(GC.GetTotalAllocatedBytes(precise: true) - allocated) / 1e6:F0} MB{(i == 0 ? $" (pid {Environment.ProcessId})" : string.Empty)}"));
            }
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}

using System.Diagnostics;
using System.Globalization;
using KetCds.Rules;

namespace KetCds.Benchmarks;

/// <summary>
/// The 10,000-rule cold load through YAML, each in a fresh process: <c>coldload [launches]</c> writes the rule-set
/// directory once, then starts this program once per launch to load it and prints each launch's figures and the medians.
/// BenchmarkDotNet's <c>LoadBenchmarks</c> measures the same call; this prints the phases and the process CPU time,
/// which on a shared machine is steadier than wall time.
/// </summary>
public static class ColdLoad
{
    /// <summary>Writes the directory and runs <paramref name="launches"/> child processes, printing their figures.</summary>
    public static void Run(int launches)
    {
        var directory = Path.Combine(Path.GetTempPath(), $"ketcds-coldload-10000-{Environment.ProcessId}");
        SyntheticRuleSetFiles.Write(SyntheticRuleSet.Create(10_000).Model, directory);
        try
        {
            var lines = new List<double[]>();
            for (var i = 0; i < launches; i++)
            {
                var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true };
                if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet")
                {
                    // Started as 'dotnet KetCds.Benchmarks.dll' rather than through the app host.
                    start.ArgumentList.Add(typeof(ColdLoad).Assembly.Location);
                }

                start.ArgumentList.Add("coldload-child");
                start.ArgumentList.Add(directory);
                using var child = Process.Start(start)!;
                var output = child.StandardOutput.ReadToEnd();
                child.WaitForExit();
                Console.Write(output);
                var figures = output.Split('\n').FirstOrDefault(l => l.StartsWith("figures ", StringComparison.Ordinal))
                    ?? throw new InvalidOperationException("the child printed no figures (exit " + child.ExitCode + ")");
                lines.Add([.. figures.Split(' ').Skip(1).Select(x => double.Parse(x, CultureInfo.InvariantCulture))]);
            }

            double Median(int column)
            {
                var sorted = lines.Select(l => l[column]).Order().ToArray();
                return sorted[sorted.Length / 2];
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"median of {launches}: load call {Median(0):F0} ms wall, {Median(1):F0} ms CPU (all threads), {Median(2):F0} MB allocated, {Median(4):F0} methods JIT-compiled; first evaluation {Median(3):F1} ms wall"));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>In a fresh process: one load of <paramref name="directory"/>, then one evaluation, timed.</summary>
    public static void Child(string directory)
    {
        var cpu = Environment.CpuUsage.TotalTime;
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var jit = System.Runtime.JitInfo.GetCompilationTime();
        var methods = System.Runtime.JitInfo.GetCompiledMethodCount();
        var pause = GC.GetTotalPauseDuration();
        var wall = Stopwatch.StartNew();
        var load = RuleSetLoader.Load(directory);
        var loadWall = wall.Elapsed;
        var loadCpu = Environment.CpuUsage.TotalTime - cpu;
        var loadAllocated = GC.GetTotalAllocatedBytes(precise: true) - allocated;
        var loadJit = System.Runtime.JitInfo.GetCompilationTime() - jit;
        var loadMethods = System.Runtime.JitInfo.GetCompiledMethodCount() - methods;
        var loadPause = GC.GetTotalPauseDuration() - pause;
        var set = load.RuleSet?.Compiled ?? throw new InvalidOperationException(string.Join("\n", load.Errors.Take(10)));

        // The rule set answers from the first call (the interpreter until its code is compiled in the background).
        wall.Restart();
        _ = set.Evaluate(KetCds.Engine.FactSet.Empty).Outcomes.Length;
        var first = wall.Elapsed;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"load {set.Model.Rules.Length} rules: {loadWall.TotalMilliseconds:F0} ms wall, {loadCpu.TotalMilliseconds:F0} ms CPU, {loadAllocated / 1e6:F0} MB (of which JIT {loadJit.TotalMilliseconds:F0} ms for {loadMethods} methods, GC pauses {loadPause.TotalMilliseconds:F0} ms in {GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)} gen0/1/2 collections); first evaluation {first.TotalMilliseconds:F1} ms"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"figures {loadWall.TotalMilliseconds:F1} {loadCpu.TotalMilliseconds:F1} {loadAllocated / 1e6:F1} {first.TotalMilliseconds:F2} {loadMethods}"));
    }
}

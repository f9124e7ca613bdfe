using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;

namespace KetCds.Benchmarks;

/// <summary>Entry point: pick benchmarks with --filter, e.g. <c>--filter '*' --job short</c>.</summary>
public static class Program
{
    /// <summary>Runs the benchmarks selected on the command line.</summary>
    public static void Main(string[] args)
    {
        if (args is ["cpu", ..])
        {
            CpuRatios.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 15);
            return;
        }

        if (args is ["dense-loop", ..])
        {
            DenseLoop.Run(
                args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 15,
                args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 0,
                args is [_, _, _, "empty"] ? "empty" : args is [_, _, _, "sparse"] ? "sparse" : "dense");
            return;
        }

        if (args is ["dense-floor", ..])
        {
            Environment.ExitCode = DenseFloorLoop.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 9, args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 0, args is not [_, _, _, "gathers", ..], args is [_, _, _, _, "100"]);
            return;
        }

        if (args is ["clinical-loop", ..])
        {
            ClinicalLoop.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 20);
            return;
        }

        if (args is ["clinical-keys", ..])
        {
            ClinicalKeys.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 15);
            return;
        }

        if (args is ["limit-loop", ..])
        {
            LimitLoop.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 20, args is [_, _, "baseline"]);
            return;
        }

        if (args is ["load-loop", ..])
        {
            LoadLoop.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 20);
            return;
        }

        if (args is ["coldload", ..])
        {
            ColdLoad.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 5);
            return;
        }

        if (args is ["coldload-write", var target])
        {
            // The same directory 'coldload' loads, kept, so a single child can be run (and profiled) on its own.
            SyntheticRuleSetFiles.Write(SyntheticRuleSet.Create(10_000).Model, target);
            return;
        }

        if (args is ["coldload-child", var directory])
        {
            ColdLoad.Child(directory);
            return;
        }

        if (args is ["dense-limit-write", var sources])
        {
            DenseLimit.Write(sources);
            return;
        }

        if (args is ["dense-limit", ..])
        {
            Environment.ExitCode = DenseLimit.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 9);
            return;
        }

        if (args is ["hooks-warmup", ..])
        {
            CdsHooksWarmup.Run(
                args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 60,
                args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 0);
            return;
        }

        // Building the per-run project takes longer than the default 2 minutes on a busy 2-core machine.
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly)
            .Run(args, ManualConfig.Create(DefaultConfig.Instance).WithBuildTimeout(TimeSpan.FromMinutes(15)));
    }
}

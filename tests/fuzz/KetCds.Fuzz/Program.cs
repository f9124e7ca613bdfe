using System.Diagnostics;
using KetCds.Fuzz;

// KetCds.Fuzz afl TARGET RULES_DIR                 under afl-fuzz (SharpFuzz out-of-process loop)
// KetCds.Fuzz seeds TARGET RULES_DIR OUT_DIR        write the starting corpus
// KetCds.Fuzz replay TARGET RULES_DIR FILE...      run saved inputs once each (reproduce a crash)
// KetCds.Fuzz mutate TARGET RULES_DIR SEEDS_DIR SECONDS SEED [CRASH_DIR]
//                                                   without afl++: random mutations of the seeds for SECONDS
// TARGET: rules (the rule-file loader) or request (EvaluateRequest parsing, validation, evaluation).
if (args.Length < 3 || args[1] is not ("rules" or "request"))
{
    Console.Error.WriteLine("usage: KetCds.Fuzz afl|replay|mutate rules|request RULES_DIR ...");
    return 2;
}

if (args[0] == "afl")
{
    // Instrumented code may only run inside Run, once afl++'s shared memory is attached: set up on the first input.
    FuzzTargets? fuzzed = null;
    SharpFuzz.Fuzzer.OutOfProcess.Run(stream =>
    {
        fuzzed ??= new FuzzTargets(args[2]);
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        var input = buffer.GetBuffer().AsSpan(0, (int)buffer.Length);
        if (args[1] == "rules")
        {
            fuzzed.LoadRules(input);
        }
        else
        {
            fuzzed.EvaluateRequest(input);
        }
    });
    return 0;
}

using var targets = new FuzzTargets(args[2]);
Action<ReadOnlySpan<byte>> target = args[1] == "rules" ? targets.LoadRules : targets.EvaluateRequest;
switch (args[0])
{
    case "seeds":
        Directory.CreateDirectory(args[3]);
        var corpus = args[1] == "rules" ? targets.RuleSeeds() : FuzzTargets.RequestSeeds();
        for (var i = 0; i < corpus.Count; i++)
        {
            File.WriteAllBytes(Path.Combine(args[3], $"seed-{i}.bin"), corpus[i]);
        }

        return 0;
    case "replay":
        foreach (var file in args.Skip(3))
        {
            target(File.ReadAllBytes(file));
            Console.WriteLine($"ok {file}");
        }

        return 0;
    case "mutate":
        var seeds = Directory.GetFiles(args[3]).Select(File.ReadAllBytes).ToArray();
        var seconds = int.Parse(args[4], System.Globalization.CultureInfo.InvariantCulture);
        var random = new Random(int.Parse(args[5], System.Globalization.CultureInfo.InvariantCulture));
        var crashDir = args.Length > 6 ? args[6] : null;
        long execs = 0, crashes = 0;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed.TotalSeconds < seconds)
        {
            var input = Mutator.Mutate(seeds[random.Next(seeds.Length)], seeds[random.Next(seeds.Length)], random);
            execs++;
            try
            {
                target(input);
            }
#pragma warning disable CA1031 // Every escaping exception is a finding to record, not to handle.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                crashes++;
                Console.WriteLine($"crash {crashes}: {ex.GetType().Name}: {ex.Message}");
                if (crashDir is not null)
                {
                    Directory.CreateDirectory(crashDir);
                    File.WriteAllBytes(Path.Combine(crashDir, $"crash-{crashes}.bin"), input);
                }
            }
        }

        Console.WriteLine($"target {args[1]}: {execs} execs in {clock.Elapsed.TotalSeconds:0} s, {crashes} crashes");
        return crashes == 0 ? 0 : 1;
    default:
        Console.Error.WriteLine($"unknown mode '{args[0]}'");
        return 2;
}

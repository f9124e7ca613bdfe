using System.Globalization;
using KetCds.Engine;

namespace KetCds.Benchmarks;

/// <summary>
/// The floor of the dense 10,000-rule evaluation (issue 12): <see cref="DenseFloor"/> checked against the engine on the
/// dense and sparse cases of both synthetic sets and on random cases, then timed alternately with the engine's bound
/// path in this process (batches of process CPU time, median of rounds), with the floor's parts and two lower bounds
/// (the literal reads alone, the bit-parallel input masks alone). Run with
/// <c>dotnet tests/KetCds.Benchmarks/bin/Release/net10.0/KetCds.Benchmarks.dll dense-floor [rounds] [seconds] [scalar|gathers] [100]</c>;
/// rounds 0 only checks (exit code 1 on a difference); seconds &gt; 0 then loops one floor method on the dense case
/// (10,000 rules, or 100) with its process id printed, for a profiler.
/// </summary>
public static class DenseFloorLoop
{
    /// <summary>Random cases per rule set in the check, besides the dense and sparse ones.</summary>
    private const int RandomCases = 200;

    /// <summary>Checks, times and prints; returns the process exit code.</summary>
    public static int Run(int rounds, int seconds, bool scalar = true, bool loopSmall = false)
    {
        var (small, large) = (SyntheticRuleSet.Create(100), SyntheticRuleSet.Create(10_000));
        var (set100, set10k) = (small.Compile(), large.Compile());
        set10k.Kernel.WhenCompiled().Wait();
        var (floor100, floor10k) = (new DenseFloor(set100), new DenseFloor(set10k));
        var (packed100, packed10k) = (new DenseFloor(set100, packed: true), new DenseFloor(set10k, packed: true));
        var (buffer100, buffer10k) = (set100.CreateBuffer(), set10k.CreateBuffer());
        var (dense100, dense10k) = (set100.Bind(small.DenseCase), set10k.Bind(large.DenseCase));
        var (sparse100, sparse10k) = (set100.Bind(small.Case), set10k.Bind(large.Case));
        var empty10k = set10k.Bind(FactSet.Empty);
        var checkedCases = 0;
        foreach (var (name, set, floor, buffer, cases) in new[]
        {
            ("100", set100, floor100, buffer100, Cases(small, set100, dense100, sparse100)),
            ("10,000", set10k, floor10k, buffer10k, Cases(large, set10k, dense10k, sparse10k)),
            ("100 (packed)", set100, packed100, buffer100, Cases(small, set100, dense100, sparse100)),
            ("10,000 (packed)", set10k, packed10k, buffer10k, Cases(large, set10k, dense10k, sparse10k)),
        })
        {
            for (var c = 0; c < cases.Count; c++)
            {
                set.Evaluate(cases[c], buffer);
                foreach (var (method, run) in new (string, Action<BoundFacts>)[] { ("gathers", f => floor.Run(f)), ("scalar", f => floor.RunScalar(f)), ("scalar without work list", f => floor.RunScalar(f, worklist: false)) })
                {
                    run(cases[c]);
                    if (floor.Check(buffer.State) is { } difference)
                    {
                        Console.Error.WriteLine($"dense-floor: the floor ({method}) differs from the engine on the {name}-rule set, case {c} ({cases[c].Count} inputs): {difference}");
                        return 1;
                    }
                }

                checkedCases++;
            }
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"check: the floor's state equals the engine's on {checkedCases} cases (dense, sparse and {RandomCases} random per set, each layout): rule truths, test truths, statuses, firings in order"));
        if (rounds <= 0)
        {
            return 0;
        }

        // The bounds over the packed layout, the smaller and (slightly) faster one.
        var (allReads, oracleReads) = (packed10k.ReadSet(null), packed10k.ReadSet(dense10k));
        var (allReads100, oracleReads100) = (packed100.ReadSet(null), packed100.ReadSet(dense100));
        var bucketReads = packed10k.ReadSet(dense10k, guardPerBucket: true);
        var (wordStart, words) = floor10k.SlotWords();
        var masks = new ulong[2 * words.Length];
        new Random(5).NextBytes(System.Runtime.InteropServices.MemoryMarshal.AsBytes(masks.AsSpan()));
        var (truePlane, falsePlane) = (new ulong[(floor10k.Blocks * 8 / 64) + 1], new ulong[(floor10k.Blocks * 8 / 64) + 1]);
        var candidates = new (string Name, Action Body)[]
        {
            ("engine 100 dense", () => set100.Evaluate(dense100, buffer100)),
            ("engine 10000 dense", () => set10k.Evaluate(dense10k, buffer10k)),
            ("floor 100 dense", () => floor100.Run(dense100)),
            ("floor 10000 dense", () => floor10k.Run(dense10k)),
            ("engine 100 sparse", () => set100.Evaluate(sparse100, buffer100)),
            ("engine 10000 sparse", () => set10k.Evaluate(sparse10k, buffer10k)),
            ("floor 100 sparse", () => floor100.Run(sparse100)),
            ("floor 10000 sparse", () => floor10k.Run(sparse10k)),
            ("floor 10000 dense: reset, inputs set", () => floor10k.SetOnly(dense10k)),
            ("floor 10000: reset alone", () => floor10k.SetOnly(empty10k)),
            ("floor scalar 100 dense", () => floor100.RunScalar(dense100)),
            ("floor scalar 10000 dense", () => floor10k.RunScalar(dense10k)),
            ("floor scalar 100 sparse", () => floor100.RunScalar(sparse100)),
            ("floor scalar 10000 sparse", () => floor10k.RunScalar(sparse10k)),
            ("10000: every literal read, scalar", () => packed10k.ReadScalar(allReads)),
            ("10000: every literal read, gathers", () => packed10k.ReadGathers(allReads)),
            ("10000: oracle-skip reads, scalar", () => packed10k.ReadScalar(oracleReads)),
            ("10000: oracle-skip reads, gathers", () => packed10k.ReadGathers(oracleReads)),
            ("100: oracle-skip reads, scalar", () => packed100.ReadScalar(oracleReads100)),
            ("10000: oracle-skip reads, a guard per bucket, scalar", () => packed10k.ReadScalar(bucketReads)),
            ("10000: bit-parallel input masks alone", () => DenseFloor.Scatter(dense10k.Slots, wordStart, words, masks, truePlane, falsePlane)),
            ("floor packed 100 dense", () => packed100.Run(dense100)),
            ("floor packed 10000 dense", () => packed10k.Run(dense10k)),
            ("floor scalar packed 100 dense", () => packed100.RunScalar(dense100)),
            ("floor scalar packed 10000 dense", () => packed10k.RunScalar(dense10k)),
            ("floor packed 10000 dense: reset, inputs set", () => packed10k.SetOnly(dense10k)),
            ("floor scalar packed 10000 dense: to the deriving rules", () => packed10k.RunScalar(dense10k, parts: 1)),
            ("floor scalar packed 10000 dense: to the emitters", () => packed10k.RunScalar(dense10k, parts: 2)),
            ("floor scalar 100 dense, no work list", () => floor100.RunScalar(dense100, worklist: false)),
            ("floor scalar 10000 dense, no work list", () => floor10k.RunScalar(dense10k, worklist: false)),
        };
        var samples = candidates.Select(_ => new List<double>()).ToArray();
        for (var round = 0; round < rounds + 2; round++)
        {
            for (var c = 0; c < candidates.Length; c++)
            {
                var ns = DenseLoop.Batch(candidates[c].Body);
                if (round >= 2)
                {
                    samples[c].Add(ns);
                }
            }
        }

        var m = samples.Select(s => s.Order().ElementAt(s.Count / 2)).ToArray();
        for (var c = 0; c < candidates.Length; c++)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{candidates[c].Name,-38} {m[c],10:F1} ns CPU per evaluation (median of {rounds}; range {samples[c].Min():F1}-{samples[c].Max():F1})"));
        }

        var at = candidates.Select((c, i) => (c.Name, Median: m[i])).ToDictionary(c => c.Name, c => c.Median);
        var (engine100, engine10k) = (at["engine 100 dense"], at["engine 10000 dense"]);
        foreach (var method in new[] { "floor", "floor scalar", "floor packed", "floor scalar packed" })
        {
            var (floorSmall, floorLarge) = (at[$"{method} 100 dense"], at[$"{method} 10000 dense"]);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"dense, {method}: floor 100 {floorSmall:F1} ns, floor 10k {floorLarge:F1} ns, floor ratio {floorLarge / floorSmall:F1}x; engine 100 {engine100:F1} ns, engine 10k {engine10k:F1} ns, engine ratio {engine10k / engine100:F1}x; floor 10k / engine 100 {floorLarge / engine100:F1}x (goal <= 20x)"));
            if (!at.ContainsKey($"{method} 10000 sparse"))
            {
                continue;
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"sparse, {method}: floor ratio {at[$"{method} 10000 sparse"] / at[$"{method} 100 sparse"]:F1}x, engine ratio {at["engine 10000 sparse"] / at["engine 100 sparse"]:F1}x, floor 10k / engine 100 {at[$"{method} 10000 sparse"] / at["engine 100 sparse"]:F1}x"));
        }

        var (everyScalar, everyGathered) = (at["10000: every literal read, scalar"], at["10000: every literal read, gathers"]);
        var (oracleScalar, oracleGathered) = (at["10000: oracle-skip reads, scalar"], at["10000: oracle-skip reads, gathers"]);
        var inputs = Math.Min(at["floor 10000 dense: reset, inputs set"], at["floor packed 10000 dense: reset, inputs set"]);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"literal reads per evaluation: every literal {allReads.Length} at 10,000 rules ({allReads100.Length} at 100), oracle skip {oracleReads.Length} ({oracleReads100.Length}); one read alone costs {everyScalar / allReads.Length:F3} ns scalar, {everyGathered / allReads.Length:F3} ns gathered (every literal), {oracleScalar / oracleReads.Length:F3} / {oracleGathered / oracleReads.Length:F3} ns (oracle set)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"oracle-skip reads alone, 10,000 rules: {Math.Min(oracleScalar, oracleGathered):F1} ns = {Math.Min(oracleScalar, oracleGathered) / engine100:F1}x engine 100; with the floor's reset and inputs ({inputs:F1} ns): {(Math.Min(oracleScalar, oracleGathered) + inputs) / engine100:F1}x"));
        var (toDerivers, toEmitters, whole) = (at["floor scalar packed 10000 dense: to the deriving rules"], at["floor scalar packed 10000 dense: to the emitters"], at["floor scalar packed 10000 dense"]);
        var packedInputs = at["floor packed 10000 dense: reset, inputs set"];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"floor scalar packed 10000 dense by part: reset and inputs {packedInputs:F1} ns, deriving rules {toDerivers - packedInputs:F1} ns, emitters {toEmitters - toDerivers:F1} ns, firing list {whole - toEmitters:F1} ns"));
        var bucket = at["10000: oracle-skip reads, a guard per bucket, scalar"];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"oracle-skip reads with a guard read per emitter bucket ({bucketReads.Length}): {bucket:F1} ns = {bucket / engine100:F1}x engine 100; with reset and inputs {(bucket + inputs) / engine100:F1}x"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"10,000 rules: {floor10k.EmitterBuckets} guarded emitter buckets; {words.Length} distinct (input slot, 64-rule word) pairs over all literals: applying their masks alone (bit-parallel inputs) {at["10000: bit-parallel input masks alone"]:F1} ns = {at["10000: bit-parallel input masks alone"] / engine100:F1}x engine 100"));
        floor10k.Run(dense10k);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"floor 10k dense: {floor10k.FiringCount} fired, {floor10k.Blocks} blocks of 8 rules, {floor10k.Gathers} gathers of 8 per evaluation, {floor10k.TruthBytes} truth bytes ({packed10k.TruthBytes} packed)"));
        if (seconds > 0)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"pid {Environment.ProcessId}"));
            var end = Environment.CpuUsage.TotalTime + TimeSpan.FromSeconds(seconds);
            while (Environment.CpuUsage.TotalTime < end)
            {
                for (var i = 0; i < 1_000; i++)
                {
                    var (floor, dense) = loopSmall ? (floor100, dense100) : (floor10k, dense10k);
                    if (scalar)
                    {
                        floor.RunScalar(dense);
                    }
                    else
                    {
                        floor.Run(dense);
                    }
                }
            }
        }

        return 0;
    }

    /// <summary>The dense and sparse cases, then random ones: each input supplied with a probability from 5% to 100%, integers also beyond every test's bounds.</summary>
    private static List<BoundFacts> Cases(SyntheticRuleSet synthetic, CompiledRuleSet set, BoundFacts dense, BoundFacts sparse)
    {
        var random = new Random(12);
        var inputs = synthetic.Model.Facts.Where(f => f.Origin == FactOrigin.Input).ToArray();
        var cases = new List<BoundFacts> { dense, sparse };
        double[] densities = [0.05, 0.3, 0.7, 0.95, 1.0];
        for (var c = 0; c < RandomCases; c++)
        {
            var density = densities[c % densities.Length];
            cases.Add(set.Bind(FactSet.From(inputs.Where(_ => random.NextDouble() < density).Select(f => new KeyValuePair<string, TypedValue>(f.Name, f.Type switch
            {
                FactType.Boolean => TypedValue.Boolean(random.Next(2) == 0),
                FactType.Integer => TypedValue.Integer(random.Next(-3, 14)),
                FactType.Enum => TypedValue.Enum(f.AllowedValues[random.Next(f.AllowedValues.Length)]),
                _ => TypedValue.EnumSet(f.AllowedValues.Where(_ => random.Next(2) == 0)),
            })))));
        }

        return cases;
    }
}

using System.Globalization;
using KetCds.Baseline;
using KetCds.Baseline.Generated;
using KetCds.Engine;

namespace KetCds.Benchmarks;

/// <summary>
/// The goal ratios measured in process CPU time rather than wall time, every candidate in turn in one process
/// (round-robin batches, median per candidate): on a machine shared with other builds, time slices taken by other
/// processes inflate wall-clock figures but not the CPU time this process spends. Run with
/// <c>dotnet run -c Release --project tests/KetCds.Benchmarks -- cpu [rounds]</c>.
/// </summary>
public static class CpuRatios
{
    /// <summary>Measures and prints every candidate's median CPU time per evaluation and the goal ratios.</summary>
    public static void Run(int rounds)
    {
        var patients = ShippedPatients.Load();
        var set = patients.RuleSet;
        if (set.ModelHash != ShippedRuleSetBaseline.ContentSha256)
        {
            throw new InvalidOperationException("the generated baseline is stale; see tests/KetCds.Benchmarks/README.md");
        }

        var buffer = set.CreateBuffer();
        var baseline = new ShippedRuleSetBaseline();
        var state = set.Kernel.CreateState();
        var n = patients.Facts.Length;
        var small = SyntheticRuleSet.Create(100);
        var large = SyntheticRuleSet.Create(10_000);
        var set100 = small.Compile();
        var set10k = large.Compile();
        set10k.Kernel.WhenCompiled().Wait();
        var codeStart = Environment.CpuUsage.TotalTime;
        _ = KetCds.Engine.Internal.Kernel.KernelCodeCompiler.Compile(set10k.Kernel);
        var code = Environment.CpuUsage.TotalTime - codeStart;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"10,000 rules: compiling their code (in the background, off the load path) {code.TotalMilliseconds:F0} ms CPU"));
        Console.WriteLine($"evaluations start from the no-input run and skip unchanged stages: shipped rules {(set.Kernel.SkipsStages ? "yes" : "no")}, 100 rules {(set100.Kernel.SkipsStages ? "yes" : "no")}, 10,000 rules {(set10k.Kernel.SkipsStages ? "yes" : "no")}");
        var (buffer100, buffer10k) = (set100.CreateBuffer(), set10k.CreateBuffer());
        var (dense100, dense10k) = (set100.Bind(small.DenseCase), set10k.Bind(large.DenseCase));
        var (sparse100, sparse10k) = (set100.Bind(small.Case), set10k.Bind(large.Case));
        var (empty100, empty10k) = (set100.Bind(FactSet.Empty), set10k.Bind(FactSet.Empty));
        var slots = KetCds.Clinical.Internal.InputSlots.For(set)!;
        var clinicalBuffer = set.CreateBuffer();

        var candidates = new (string Name, Action<int> Body)[]
        {
            ("straight-line baseline", i => baseline.Evaluate(patients.Bound[i % n])),
            ("engine bound, compiled", i => { set.Evaluate(patients.Bound[i % n], buffer); _ = buffer.Outcomes(); }),
            ("engine bound, interpreted", i => set.RunInterpreted(state, patients.Bound[i % n])),
            ("engine FactSet into buffer", i => { set.Evaluate(patients.Facts[i % n], buffer); _ = buffer.Outcomes(); }),
            ("engine alone (result, outcomes, missing)", i => { var r = set.Evaluate(patients.Facts[i % n]); _ = r.Outcomes.Length + r.MissingFacts.Length; }),
            ("clinical STANDARD", i => patients.Evaluator.Evaluate(patients.Requests[i % n])),
            ("clinical: validation only", i => KetCds.Clinical.PatientValidator.Validate(patients.Requests[i % n])),
            ("clinical: fact mapping into a buffer only", i => KetCds.Clinical.Internal.SlotMapper.Map(patients.Requests[i % n].Patient, slots, clinicalBuffer)),
            ("clinical: fact mapping and engine only", i => { KetCds.Clinical.Internal.SlotMapper.Map(patients.Requests[i % n].Patient, slots, clinicalBuffer); clinicalBuffer.Evaluate(); }),
            ("synthetic 100 rules dense", _ => set100.Evaluate(dense100, buffer100)),
            ("synthetic 10000 rules dense", _ => set10k.Evaluate(dense10k, buffer10k)),
            ("synthetic 100 rules sparse", _ => set100.Evaluate(sparse100, buffer100)),
            ("synthetic 10000 rules sparse", _ => set10k.Evaluate(sparse10k, buffer10k)),
            ("synthetic 100 rules, no input", _ => set100.Evaluate(empty100, buffer100)),
            ("synthetic 10000 rules, no input", _ => set10k.Evaluate(empty10k, buffer10k)),
        };
        var samples = candidates.Select(_ => new List<double>()).ToArray();
        foreach (var (_, body) in candidates)
        {
            Batch(body, 2_000);
        }

        for (var round = 0; round < rounds; round++)
        {
            for (var c = 0; c < candidates.Length; c++)
            {
                samples[c].Add(Batch(candidates[c].Body, 0));
            }
        }

        var medians = samples.Select(Median).ToArray();
        for (var c = 0; c < candidates.Length; c++)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{candidates[c].Name,-42} {medians[c],12:F1} ns CPU per evaluation (median of {rounds})"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"engine bound / straight-line:      {medians[1] / medians[0]:F2}x (goal <= 3x; the baseline is optimised code, every generated method FullOpts, see the README)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"interpreted / compiled:            {medians[2] / medians[1]:F2}x"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"clinical STANDARD / engine alone:  {medians[5] / medians[4]:F2}x"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"clinical STANDARD / straight-line: {medians[5] / medians[0]:F2}x"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"clinical result building (STANDARD less validation, mapping and engine): {medians[5] - medians[6] - medians[8]:F0} ns"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"10,000 / 100 rules, dense:         {medians[10] / medians[9]:F1}x (goal <= 20x)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"10,000 / 100 rules, sparse:        {medians[12] / medians[11]:F1}x (goal <= 20x)"));

        // The work each evaluation does, to read the scaling ratio against: how many rules the matcher evaluated (the
        // rest were skipped by their guard), how many fired, and how many distinct tests the rule set has; and the cost
        // per evaluated rule once the evaluation with no input (every rule skipped: the cost that grows with the rule
        // set's size but not with the work) is taken off.
        var cases = new[]
        {
            ("100", "dense", set100, dense100, buffer100, medians[9], medians[13]),
            ("10,000", "dense", set10k, dense10k, buffer10k, medians[10], medians[14]),
            ("100", "sparse", set100, sparse100, buffer100, medians[11], medians[13]),
            ("10,000", "sparse", set10k, sparse10k, buffer10k, medians[12], medians[14]),
        };
        foreach (var (name, kind, ruleSet, facts, into, median, empty) in cases)
        {
            ruleSet.Evaluate(facts, into);
            var evaluated = into.State.Truth.Count(t => t != KetCds.Engine.Internal.RuleTruth.Skipped);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"work, {name} rules {kind}: {evaluated} rules evaluated, {into.FiredCount} fired, {ruleSet.Kernel.Tests.Count} distinct tests, {ruleSet.Kernel.Index.Count} facts; with no input {empty:F0} ns, {median:F0} ns in all, {(median - empty) / Math.Max(1, evaluated):F1} ns per evaluated rule above no input"));
        }

        // Allocation per call, averaged over one pass of every patient (after the passes above warmed everything).
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < n; i++)
        {
            patients.Evaluator.Evaluate(patients.Requests[i]);
        }

        var clinical = GC.GetAllocatedBytesForCurrentThread() - before;
        before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < n; i++)
        {
            var r = set.Evaluate(patients.Facts[i]);
            _ = r.Outcomes.Length + r.MissingFacts.Length;
        }

        var alone = GC.GetAllocatedBytesForCurrentThread() - before;
        before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < n; i++)
        {
            set.Evaluate(patients.Bound[i], buffer);
            _ = buffer.Outcomes();
        }

        var bound = GC.GetAllocatedBytesForCurrentThread() - before;
        before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < n; i++)
        {
            KetCds.Clinical.PatientValidator.Validate(patients.Requests[i]);
            KetCds.Clinical.Internal.SlotMapper.Map(patients.Requests[i].Patient, slots, clinicalBuffer);
            clinicalBuffer.Evaluate();
        }

        var mapped = GC.GetAllocatedBytesForCurrentThread() - before;
        before = GC.GetAllocatedBytesForCurrentThread();
        var answers = 0L;
        for (var i = 0; i < n; i++)
        {
            answers += patients.Evaluator.Evaluate(patients.Requests[i]).Result!.CalculateSize();
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"allocated per call: clinical STANDARD {clinical / n} B (validation, mapping and engine {mapped / n} B; the answer's encoded size {answers / n} B), engine alone {alone / n} B, engine bound into a buffer {bound / n} B"));
    }

    /// <summary>CPU nanoseconds per call over a batch of about 20 ms (or <paramref name="calls"/> calls when given).</summary>
    private static double Batch(Action<int> body, int calls)
    {
        var count = calls > 0 ? calls : 64;
        while (true)
        {
            var start = Environment.CpuUsage.TotalTime;
            for (var i = 0; i < count; i++)
            {
                body(i);
            }

            var spent = Environment.CpuUsage.TotalTime - start;
            if (calls > 0 || spent.TotalMilliseconds >= 20)
            {
                return spent.TotalNanoseconds / count;
            }

            count *= 2;
        }
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted[sorted.Length / 2];
    }
}

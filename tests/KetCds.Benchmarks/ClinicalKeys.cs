using System.Globalization;
using System.Runtime.CompilerServices;
using Google.Protobuf.Collections;
using KetCds.Clinical;
using KetCds.Clinical.Internal;
using KetCds.Contracts.V1;
using KetCds.Engine;

namespace KetCds.Benchmarks;

/// <summary>
/// Whether a clinical STANDARD answer could come from a cache keyed by what the engine decided, over the shipped patients:
/// how many distinct keys the patients produce for each candidate key (a cache whose keys are nearly one per patient is a
/// per-patient memo, which the benchmark would flatter), and what the best such cache could give: validation, mapping and
/// the engine's run, then an answer whose shared parts are copied from a finished answer found for free. Then the
/// missing-data section's parts in process, round-robin: the engine's rows alone, and the entries from the rows by the
/// per-field tables, by the dictionary only, and made anew per call from the engine's lists (the cold path). Run with
/// <c>dotnet run -c Release --project tests/KetCds.Benchmarks -- clinical-keys [rounds]</c>.
/// </summary>
public static class ClinicalKeys
{
    /// <summary>Prints the distinct keys and the median CPU time per call of each candidate.</summary>
    public static void Run(int rounds)
    {
        var patients = ShippedPatients.Load();
        var set = patients.RuleSet;
        var evaluator = patients.Evaluator;
        var slots = InputSlots.For(set)!;
        var n = patients.Requests.Length;
        var standard = new StandardParts(evaluator.RuleSet);
        var tables = new IndexedParts(evaluator.RuleSet, standard);
        var dictionary = new IndexedParts(evaluator.RuleSet, standard);
        Array.Clear(dictionary.FactTables);
        Array.Clear(dictionary.FieldTables);

        // One buffer per patient, evaluated once, so that the missing-data passes below can be timed alone.
        var buffers = new EvaluationBuffer[n];
        var answers = new EvaluationResult[n];
        var keys = new SortedDictionary<string, HashSet<string>>(StringComparer.Ordinal);
        void Add(string name, string key)
        {
            if (!keys.TryGetValue(name, out var distinct))
            {
                keys[name] = distinct = new HashSet<string>(StringComparer.Ordinal);
            }

            distinct.Add(key);
        }

        for (var i = 0; i < n; i++)
        {
            var buffer = buffers[i] = set.CreateBuffer();
            SlotMapper.Map(patients.Requests[i].Patient, slots, buffer);
            buffer.Evaluate();
            var outcomes = string.Join(",", buffer.OutcomeIndexes().ToArray());
            var rows = string.Join(",", buffer.MissingInputFacts().ToArray()) + "|" + string.Join(",", buffer.MissingInputRules().ToArray());
            var answer = answers[i] = evaluator.Evaluate(patients.Requests[i]).Result!;
            Add("a. fired rules", string.Join(",", buffer.FiredRules().ToArray().Order()));
            Add("b. outcomes (a plan cache's key)", outcomes);
            Add("c. missing facts with their rows of rules", rows);
            Add("d. missing-data section (entries by reference)", string.Join(",", answer.MissingData.Select(RuntimeHelpers.GetHashCode)));
            Add("e. outcomes, missing rows (a whole answer's key)", outcomes + "|" + rows);
            Add("f. test truths", string.Concat(buffer.State.Tests.Select(t => (char)('0' + t))));
            foreach (var role in Enum.GetValues<OutcomeRole>())
            {
                // A section's own outcomes: what a plan per section (rather than per answer) would be keyed by.
                var section = buffer.OutcomeIndexes().ToArray().Where(o => tables.Outcomes[o].Role == role);
                Add($"h. outcomes of one section: {role}", string.Join(",", section));
            }

            foreach (var entry in answer.MissingData)
            {
                // Per field, the entries are what the per-field tables key (the field, its rows and its requests decide it).
                Add("g. missing-data entries (per field, all patients)", entry.Field + ":" + RuntimeHelpers.GetHashCode(entry));
            }
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{n} patients, {set.RulesById.Length} rules, {set.Kernel.Tests.Count} tests: distinct keys"));
        foreach (var (name, distinct) in keys)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {name,-52} {distinct.Count,5} ({100.0 * distinct.Count / n:F0}% of the patients' count)"));
        }

        var buffers2 = set.CreateBuffer();
        var (rowSlots, rowWords, rowScratch) = (new int[64], new ulong[128], new long[256]);
        var candidates = new (string Name, Action<int> Body)[]
        {
            ("clinical STANDARD", i => evaluator.Evaluate(patients.Requests[i % n])),
            ("validation, mapping and engine", i => Front(patients, slots, buffers2, i % n)),
            ("the same and a perfect cache's answer", i =>
            {
                Front(patients, slots, buffers2, i % n);
                _ = new ClinicalEvaluation(Copy(answers[i % n]), evaluator.Identity, evaluator, patients.Requests[i % n].Patient);
            }),
            ("missing data: the engine's rows only", i =>
            {
                var state = buffers[i % n].State;
                KetCds.Engine.Internal.Kernel.MissingFactFinder.Rows(set, state.Facts.Status, state.Truth, state.Tests, ref rowSlots, ref rowWords, ref rowScratch);
            }),
            ("missing data: entries by the tables", i => IndexedMissingData.TryFill(buffers[i % n], tables, [])),
            ("missing data: entries by the dictionary only", i => IndexedMissingData.TryFill(buffers[i % n], dictionary, [])),
            ("missing data: entries made per call (cold)", i =>
            {
                var buffer = buffers[i % n];
                ResultBuilder.AnyMissingData(buffer.DataRequests(), buffer.MissingFacts(), standard.Reasons, []);
            }),
        };
        var samples = candidates.Select(_ => new List<double>()).ToArray();
        for (var round = -1; round < rounds; round++)
        {
            for (var c = 0; c < candidates.Length; c++)
            {
                var ns = Batch(candidates[c].Body);
                if (round >= 0)
                {
                    samples[c].Add(ns);
                }
            }
        }

        var medians = samples.Select(s => s.Order().ElementAt(s.Count / 2)).ToArray();
        for (var c = 0; c < candidates.Length; c++)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{candidates[c].Name,-46} {medians[c],8:F0} ns CPU per call (median of {rounds})"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"perfect cache / clinical STANDARD: {medians[2] / medians[0]:F2}x"));
    }

    private static void Front(ShippedPatients patients, InputSlots slots, EvaluationBuffer buffer, int i)
    {
        PatientValidator.Validate(patients.Requests[i]);
        SlotMapper.Map(patients.Requests[i].Patient, slots, buffer);
        buffer.Evaluate();
    }

    // What a call must still allocate and fill with a finished plan at hand: the result's messages, each list sized and
    // holding the plan's shared parts, and the patient's own messages (severity, cap) made anew.
    private static EvaluationResult Copy(EvaluationResult plan)
    {
        var result = new EvaluationResult
        {
            Eligibility = new Eligibility { Status = plan.Eligibility.Status, Severity = plan.Eligibility.Severity?.Clone() },
            Maintenance = new MaintenanceGuidance { Justification = plan.Maintenance.Justification, YearlyCap = plan.Maintenance.YearlyCap?.Clone() },
        };
        CopyInto(plan.Eligibility.Reasons, result.Eligibility.Reasons);
        CopyInto(plan.Maintenance.Items, result.Maintenance.Items);
        CopyInto(plan.Routes, result.Routes);
        CopyInto(plan.RiskModifiers, result.RiskModifiers);
        CopyInto(plan.Alerts, result.Alerts);
        CopyInto(plan.MissingData, result.MissingData);
        CopyInto(plan.Findings, result.Findings);
        return result;
    }

    private static void CopyInto<T>(RepeatedField<T> from, RepeatedField<T> into)
    {
        if (from.Count > 0)
        {
            into.Capacity = from.Count;
            into.AddRange(from);
        }
    }

    /// <summary>CPU nanoseconds per call over a batch of at least 20 ms.</summary>
    private static double Batch(Action<int> body)
    {
        var count = 64;
        while (true)
        {
            var start = Environment.CpuUsage.TotalTime;
            for (var i = 0; i < count; i++)
            {
                body(i);
            }

            var spent = Environment.CpuUsage.TotalTime - start;
            if (spent.TotalMilliseconds >= 20)
            {
                return spent.TotalNanoseconds / count;
            }

            count *= 2;
        }
    }
}

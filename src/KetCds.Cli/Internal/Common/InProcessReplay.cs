using System.Collections.Immutable;
using KetCds.Clinical;
using KetCds.Clinical.Regression;
using KetCds.Engine;

namespace KetCds.Cli.Internal.Common;

/// <summary>Replays cases through <see cref="ClinicalEvaluator"/> and <see cref="RegressionRunner"/> on every core, recording rule coverage.</summary>
internal static class InProcessReplay
{
    public static ReplayResult Run(ClinicalEvaluator evaluator, IReadOnlyList<LoadedCase> cases, int parallelism, Action? caseDone, CancellationToken cancellationToken)
    {
        var items = new ReplayItem[cases.Count];
        var totals = new Dictionary<string, RuleCoverageEntry>(StringComparer.Ordinal);
        var gate = new Lock();
        var options = new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken };

        // Each worker counts into its own RuleCoverage (it is not thread-safe); the counts are summed at the end, so
        // the totals do not depend on how cases were spread over workers.
        Parallel.For(
            0,
            cases.Count,
            options,
            () => new RuleCoverage(evaluator.RuleSet.Compiled),
            (i, _, coverage) =>
            {
                items[i] = RunOne(evaluator, cases[i], coverage, cancellationToken);
                caseDone?.Invoke();
                return coverage;
            },
            coverage =>
            {
                lock (gate)
                {
                    foreach (var entry in coverage.Entries)
                    {
                        totals[entry.RuleId] = totals.TryGetValue(entry.RuleId, out var sum)
                            ? sum with { Fired = sum.Fired + entry.Fired, False = sum.False + entry.False, Unknown = sum.Unknown + entry.Unknown }
                            : entry;
                    }
                }
            });

        var entries = totals.Count > 0
            ? totals.Values.OrderBy(e => e.RuleId, StringComparer.Ordinal).ToImmutableArray()
            : new RuleCoverage(evaluator.RuleSet.Compiled).Entries;
        return new ReplayResult([.. items], entries, EngineChoice.Label(evaluator));
    }

    private static ReplayItem RunOne(ClinicalEvaluator evaluator, LoadedCase loaded, RuleCoverage coverage, CancellationToken cancellationToken)
    {
        try
        {
            var evaluation = evaluator.Evaluate(loaded.Case.Request, cancellationToken);
            if (!evaluation.IsValid)
            {
                return new ReplayItem(loaded, RegressionRunner.Compare(loaded.Case, loaded.Display, null, evaluation.Violations, []), null);
            }

            coverage.Add(evaluation.Engine);
            return new ReplayItem(loaded, CaseComparison.Compare(loaded, evaluation.Result, evaluation.Engine.FiredRules), null);
        }
        catch (Exception e) when (e is EvaluationLimitExceededException or ArgumentException)
        {
            return new ReplayItem(loaded, null, e.Message.ReplaceLineEndings(" "));
        }
    }
}

using KetCds.Clinical;
using KetCds.Clinical.Regression;
using KetCds.Engine;

namespace KetCds.Cli.Internal.Common;

/// <summary>Replays cases through <see cref="ClinicalEvaluator"/> and <see cref="RegressionRunner"/> on every core, recording rule coverage as the engine reports it.</summary>
internal static class InProcessReplay
{
    public static ReplayResult Run(ClinicalEvaluator evaluator, IReadOnlyList<LoadedCase> cases, int parallelism, Action? caseDone, CancellationToken cancellationToken)
    {
        var items = new ReplayItem[cases.Count];
        var options = new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken };

        // The engine tells the coverage each rule's outcome as it evaluates; its counts are sums, so the totals do not
        // depend on how cases were spread over workers.
        var coverage = new RuleCoverage(evaluator.RuleSet.Compiled);
        var listening = evaluator.WithListener(coverage);
        Parallel.For(0, cases.Count, options, i =>
        {
            items[i] = RunOne(listening, cases[i], cancellationToken);
            caseDone?.Invoke();
        });

        return new ReplayResult([.. items], coverage.Entries, EngineChoice.Label(evaluator));
    }

    private static ReplayItem RunOne(ClinicalEvaluator evaluator, LoadedCase loaded, CancellationToken cancellationToken)
    {
        try
        {
            var evaluation = evaluator.Evaluate(loaded.Case.Request, cancellationToken);
            if (!evaluation.IsValid)
            {
                return new ReplayItem(loaded, RegressionRunner.Compare(loaded.Case, loaded.Display, null, evaluation.Violations, []), null);
            }

            return new ReplayItem(loaded, CaseComparison.Compare(loaded, evaluation.Result, evaluation.Engine.FiredRules), null);
        }
        catch (Exception e) when (e is EvaluationLimitExceededException or ArgumentException)
        {
            return new ReplayItem(loaded, null, e.Message.ReplaceLineEndings(" "));
        }
    }
}

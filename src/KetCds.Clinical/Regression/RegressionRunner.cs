using System.Collections.Immutable;
using KetCds.Contracts.V1;

namespace KetCds.Clinical.Regression;

/// <summary>Replays regression cases against an evaluator and compares each decision with its expectation.</summary>
public static class RegressionRunner
{
    /// <summary>Replays one case in-process.</summary>
    public static CaseRun Run(ClinicalEvaluator evaluator, RegressionCase regressionCase, string? file = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(evaluator);
        ArgumentNullException.ThrowIfNull(regressionCase);
        var evaluation = evaluator.Evaluate(regressionCase.Request ?? new EvaluateRequest(), cancellationToken);
        return evaluation.IsValid
            ? Compare(regressionCase, file, evaluation.Result, [], [.. evaluation.Engine.FiredRules])
            : Compare(regressionCase, file, null, evaluation.Violations, []);
    }

    /// <summary>Compares a case with a decision obtained elsewhere (for example from a running server).</summary>
    public static CaseRun Compare(
        RegressionCase regressionCase,
        string? file,
        EvaluationResult? result,
        ImmutableArray<FieldViolation> violations,
        ImmutableArray<string> firedRules)
    {
        ArgumentNullException.ThrowIfNull(regressionCase);
        var actual = result is null ? null : DecisionSummarizer.Summarize(result);
        var changes = (regressionCase.ExpectationCase, actual) switch
        {
            (RegressionCase.ExpectationOneofCase.Expected, not null) => DecisionDiff.Compare(regressionCase.Expected, actual),
            (RegressionCase.ExpectationOneofCase.Rejected, null) => DecisionDiff.Compare(regressionCase.Rejected, Rejection(violations)),
            (RegressionCase.ExpectationOneofCase.Expected, null) => [new DecisionChange("outcome", "an evaluated decision", "rejected: " + string.Join("; ", violations.Select(v => $"{v.Field} {v.Description}")))],
            (RegressionCase.ExpectationOneofCase.Rejected, not null) => [new DecisionChange("outcome", "a rejection", "an evaluated decision")],
            _ => [new DecisionChange("expectation", "an expected decision or rejection", null)],
        };
        return new CaseRun(regressionCase, file, actual, violations, changes, firedRules);
    }

    private static ExpectedRejection Rejection(IEnumerable<FieldViolation> violations)
    {
        var rejection = new ExpectedRejection();
        rejection.Violations.AddRange(violations.Select(v => v.Clone()));
        return rejection;
    }
}

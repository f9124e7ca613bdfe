using System.Collections.Immutable;
using KetCds.Contracts.V1;

namespace KetCds.Clinical.Regression;

/// <summary>The outcome of replaying one regression case.</summary>
/// <param name="Case">The case.</param>
/// <param name="File">The case file, if it came from one.</param>
/// <param name="Actual">What the rule set decided now (a summary), or null when the request was rejected.</param>
/// <param name="ActualViolations">The violations when the request was rejected.</param>
/// <param name="Changes">Every difference from the expectation; empty when the case passes.</param>
/// <param name="FiredRules">The rules that fired (empty when rejected), for coverage.</param>
public sealed record CaseRun(
    RegressionCase Case,
    string? File,
    DecisionSummary? Actual,
    ImmutableArray<FieldViolation> ActualViolations,
    ImmutableArray<DecisionChange> Changes,
    ImmutableArray<string> FiredRules)
{
    /// <summary>Whether the rule set still decides as the case expects.</summary>
    public bool Passed => Changes.IsEmpty;

    /// <summary>The case with its expectation replaced by what was decided now, for <c>--update</c>.</summary>
    public RegressionCase Updated()
    {
        var updated = Case.Clone();
        if (Actual is not null)
        {
            updated.Expected = Actual.Clone();
        }
        else
        {
            updated.Rejected = new ExpectedRejection();
            updated.Rejected.Violations.AddRange(ActualViolations.Select(v => v.Clone()));
        }

        return updated;
    }
}

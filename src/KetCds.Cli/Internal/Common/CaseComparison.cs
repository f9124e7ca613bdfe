using System.Collections.Immutable;
using KetCds.Clinical;
using KetCds.Clinical.Regression;
using KetCds.Contracts.V1;

namespace KetCds.Cli.Internal.Common;

/// <summary>Compares a decision with a case's expectation through <see cref="RegressionRunner.Compare"/>, skipping the JSON diff when they are equal.</summary>
internal static class CaseComparison
{
    public static CaseRun Compare(LoadedCase loaded, EvaluationResult result, ImmutableArray<string> firedRules)
    {
        // Most cases pass: when the summary equals the expectation message for message, the JSON diff can only be empty,
        // so skip it (it formats and re-parses both sides). Anything else goes through the runner's comparison.
        if (loaded.Case.ExpectationCase == RegressionCase.ExpectationOneofCase.Expected)
        {
            var actual = DecisionSummarizer.Summarize(result);
            if (loaded.Case.Expected.Equals(actual))
            {
                return new CaseRun(loaded.Case, loaded.Display, actual, [], [], firedRules);
            }
        }

        return RegressionRunner.Compare(loaded.Case, loaded.Display, result, [], firedRules);
    }

    public static CaseRun Rejected(LoadedCase loaded, IEnumerable<FieldViolation> violations) =>
        RegressionRunner.Compare(loaded.Case, loaded.Display, null, [.. violations], []);
}

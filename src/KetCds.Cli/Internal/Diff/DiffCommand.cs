using System.Collections.Immutable;
using System.CommandLine;
using KetCds.Cli.Internal.Common;
using KetCds.Clinical;
using KetCds.Clinical.Regression;
using KetCds.Contracts.V1;
using KetCds.Engine;

namespace KetCds.Cli.Internal.Diff;

/// <summary><c>ketcds diff --from A --to B CASES_DIR</c>: what a rule change does to real patients' decisions.</summary>
internal static class DiffCommand
{
    public static Command Create(CliContext context)
    {
        var from = new Option<string>("--from") { Description = "The older rule-set directory.", HelpName = "RULES_A", Required = true };
        var to = new Option<string>("--to") { Description = "The newer rule-set directory.", HelpName = "RULES_B", Required = true };
        var cases = new Argument<string>("CASES_DIR") { Description = "The directory of regression cases whose requests are evaluated under both rule sets." };
        var report = new Option<string?>("--report")
        {
            Description = "Also write a report a clinical reviewer can read: Markdown for .md, HTML for .html (by extension).",
            HelpName = "FILE",
        };
        var timestamp = CommonOptions.Timestamp();
        var parallel = CommonOptions.Parallel();
        var command = new Command(
            "diff",
            "Evaluate every case's request under two rule sets and list, per case, what changed in the decision (eligibility, " +
            "routes, relief ranges, risks, missing data). Exit codes: 0 whether or not decisions changed (the diff is a report, " +
            "not a check; use 'replay' to fail on changes), 2 when a rule set or case does not load, or on usage or I/O errors.")
        {
            from, to, cases, report, timestamp, parallel,
        };
        command.SetAction((parse, token) => Task.FromResult(Run(
            context,
            parse.GetValue(from)!,
            parse.GetValue(to)!,
            parse.GetValue(cases)!,
            parse.GetValue(report),
            parse.GetValue(timestamp),
            Parallelism.Resolve(parse.GetValue(parallel)),
            token)));
        return command;
    }

    private static int Run(CliContext context, string fromDir, string toDir, string casesDir, string? report, bool timestamp, int parallelism, CancellationToken cancellationToken)
    {
        var format = report is null ? (ReportFormat?)null : DiffReport.FormatOf(report);
        var before = new ClinicalEvaluator(RuleSetInput.ReadValid(context, fromDir));
        var after = new ClinicalEvaluator(RuleSetInput.ReadValid(context, toDir));
        var (cases, errors) = CaseDirectory.Read(context, casesDir, parallelism);
        if (!errors.IsEmpty)
        {
            foreach (var error in errors)
            {
                context.Error.WriteLine(error);
            }

            throw new CliException($"{errors.Length} case file(s) in '{casesDir}' do not load");
        }

        var diffs = new CaseDiff[cases.Length];
        Parallel.For(0, cases.Length, new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken }, i =>
            diffs[i] = Compare(before, after, cases[i], cancellationToken));

        var result = new DiffResult(
            (fromDir, RuleSetInput.Label(before.RuleSet)),
            (toDir, RuleSetInput.Label(after.RuleSet)),
            casesDir,
            cases.Length,
            [.. diffs.Where(d => d.Error is not null || !d.Entries.IsEmpty)],
            timestamp ? context.Time.GetUtcNow() : null);
        DiffReport.WriteText(context.Out, result);
        if (report is not null)
        {
            OutputFile.Write(context, report, format == ReportFormat.Html ? DiffReport.Html(result) : DiffReport.Markdown(result));
            context.Out.WriteLine($"Report written to {report}");
        }

        return ExitCodes.Ok;
    }

    private static CaseDiff Compare(ClinicalEvaluator before, ClinicalEvaluator after, LoadedCase loaded, CancellationToken cancellationToken)
    {
        try
        {
            var a = before.Evaluate(loaded.Case.Request, cancellationToken);
            var b = after.Evaluate(loaded.Case.Request, cancellationToken);

            // The older decision becomes the expectation, so the comparison is exactly the one replay makes.
            var baseline = loaded.Case.Clone();
            var summaryA = a.IsValid ? DecisionSummarizer.Summarize(a.Result) : null;
            if (summaryA is not null)
            {
                baseline.Expected = summaryA;
            }
            else
            {
                baseline.Rejected = new ExpectedRejection();
                baseline.Rejected.Violations.AddRange(a.Violations);
            }

            var run = RegressionRunner.Compare(baseline, loaded.Display, b.Result, b.Violations, b.IsValid ? [.. b.Engine.FiredRules] : []);
            return new CaseDiff(loaded, ChangeDescriber.Describe(summaryA, run.Actual, run.Changes), null);
        }
        catch (Exception e) when (e is EvaluationLimitExceededException or ArgumentException)
        {
            return new CaseDiff(loaded, [], e.Message.ReplaceLineEndings(" "));
        }
    }
}

using System.Collections.Immutable;
using System.CommandLine;
using System.Globalization;
using KetCds.Cli.Internal.Common;
using KetCds.Clinical;
using KetCds.Clinical.Regression;
using Spectre.Console;

namespace KetCds.Cli.Internal.Coverage;

/// <summary><c>ketcds coverage CASES_DIR</c>: which rules the cases exercise, and which they never do.</summary>
internal static class CoverageCommand
{
    public static Command Create(CliContext context)
    {
        var cases = new Argument<string>("CASES_DIR") { Description = "The directory of regression cases to evaluate." };
        var rules = CommonOptions.Rules();
        var html = new Option<string?>("--html") { Description = "Also write the coverage as an HTML report to FILE.", HelpName = "FILE" };
        var timestamp = CommonOptions.Timestamp();
        var parallel = CommonOptions.Parallel();
        var command = new Command(
            "coverage",
            "Rule coverage over a set of cases: per rule how often its condition was true (fired), false and unknown; the rules " +
            "no case fires; and decision coverage (rules seen both firing and not). Exit codes: 0 report produced, 1 a case file " +
            "does not load or cannot be evaluated, 2 usage or I/O error.")
        {
            cases, rules, html, timestamp, parallel,
        };
        command.SetAction((parse, token) => Task.FromResult(Run(
            context,
            parse.GetValue(cases)!,
            parse.GetValue(rules)!,
            parse.GetValue(html),
            parse.GetValue(timestamp),
            Parallelism.Resolve(parse.GetValue(parallel)),
            token)));
        return command;
    }

    private static int Run(CliContext context, string casesDir, string rulesDir, string? html, bool timestamp, int parallelism, CancellationToken cancellationToken)
    {
        var ruleSet = RuleSetInput.ReadValid(context, rulesDir);
        var (cases, loadErrors) = CaseDirectory.Read(context, casesDir, parallelism);
        var replay = InProcessReplay.Run(new ClinicalEvaluator(ruleSet), cases, parallelism, null, cancellationToken);
        var entries = replay.Coverage!.Value;
        var errors = loadErrors.Concat(replay.Items.Where(i => i.Error is not null).Select(i => $"{i.Case.Display}: {i.Error}")).ToList();
        foreach (var error in errors)
        {
            context.Error.WriteLine("error: " + error);
        }

        var evaluated = replay.Items.Count(i => i.Run?.Actual is not null);
        var table = new Table().AddColumns("Rule", "Fired", "False", "Unknown", "Both ways");
        foreach (var entry in entries)
        {
            table.AddRow(
                new Text(entry.RuleId),
                new Text(Number(entry.Fired)),
                new Text(Number(entry.False)),
                new Text(Number(entry.Unknown)),
                new Text(entry.BothWays ? "yes" : "no"));
        }

        ConsoleFactory.Write(context, table);
        var uncovered = entries.Where(e => e.Fired == 0).ToImmutableArray();
        context.Out.WriteLine($"{cases.Length} cases from {casesDir} against {replay.RuleSet}: {evaluated} evaluated, {cases.Length - evaluated} rejected");
        context.Out.WriteLine($"Rules fired: {entries.Length - uncovered.Length} of {entries.Length}; decision coverage: {entries.Count(e => e.BothWays)} of {entries.Length} seen both ways");
        context.Out.WriteLine(uncovered.IsEmpty ? "Uncovered rules: none" : $"Uncovered rules ({uncovered.Length}):");
        foreach (var entry in uncovered)
        {
            context.Out.WriteLine($"  - {entry.RuleId}: {entry.Title}");
        }

        if (html is not null)
        {
            OutputFile.Write(context, html, CoverageHtml.Format(replay.RuleSet, casesDir, cases.Length, evaluated, entries, timestamp ? context.Time.GetUtcNow() : null));
            context.Out.WriteLine($"Report written to {html}");
        }

        return errors.Count > 0 ? ExitCodes.Failed : ExitCodes.Ok;
    }

    private static string Number(int n) => n.ToString(CultureInfo.InvariantCulture);
}

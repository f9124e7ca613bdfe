using System.CommandLine;
using KetCds.Cli.Internal.Common;

namespace KetCds.Cli.Internal.Review;

/// <summary><c>ketcds review-table</c>: the rule set as a table a clinician can sign off, in Markdown or HTML.</summary>
internal static class ReviewTableCommand
{
    public static Command Create(CliContext context)
    {
        var rules = CommonOptions.Rules();
        var cases = new Option<string>("--cases")
        {
            Description = "The regression cases whose firing rules are listed per rule.",
            HelpName = "DIR",
            DefaultValueFactory = _ => "tests/cases",
        };
        var format = new Option<string>("--format")
        {
            Description = "markdown or html.",
            DefaultValueFactory = _ => "markdown",
        };
        format.AcceptOnlyFromAmong("markdown", "html");
        var output = new Option<string?>("--output", "-o") { Description = "Write the table to FILE instead of standard output.", HelpName = "FILE" };
        var timestamp = CommonOptions.Timestamp();
        var parallel = CommonOptions.Parallel();
        var command = new Command(
            "review-table",
            "The rule set laid out for clinical review: for every eligibility, recommendation, risk and finding rule, its condition " +
            "in words, what it concludes, its citations with each source's kind (and each source's quality), and the regression cases " +
            "that fire it. Exit codes: 0 written, 1 the rule set does not load or a case file cannot be read, 2 usage or I/O error.")
        {
            rules, cases, format, output, timestamp, parallel,
        };
        command.SetAction((parse, token) => Task.FromResult(Run(
            context,
            parse.GetValue(rules)!,
            parse.GetValue(cases)!,
            parse.GetValue(format)!,
            parse.GetValue(output),
            parse.GetValue(timestamp),
            Parallelism.Resolve(parse.GetValue(parallel)),
            token)));
        return command;
    }

    private static int Run(CliContext context, string rulesDir, string casesDir, string format, string? output, bool timestamp, int parallelism, CancellationToken cancellationToken)
    {
        var ruleSet = RuleSetInput.ReadValid(context, rulesDir);
        var (cases, loadErrors) = CaseDirectory.Read(context, casesDir, parallelism);
        foreach (var error in loadErrors)
        {
            context.Error.WriteLine("error: " + error);
        }

        var table = ReviewTable.Build(ruleSet, casesDir, cases, cancellationToken);
        var at = timestamp ? context.Time.GetUtcNow() : (DateTimeOffset?)null;
        var text = format == "html" ? ReviewTableHtml.Format(table, at) : ReviewTableMarkdown.Format(table, at);
        if (output is null)
        {
            context.Out.Write(text);
        }
        else
        {
            OutputFile.Write(context, output, text);
            context.Out.WriteLine($"Review table of {table.RuleSet} written to {output}");
        }

        return loadErrors.IsEmpty ? ExitCodes.Ok : ExitCodes.Failed;
    }
}

using System.CommandLine;
using KetCds.Cli.Internal.Common;
using KetCds.Clinical;
using KetCds.Rules;

namespace KetCds.Cli.Internal.Lint;

/// <summary><c>ketcds lint [RULES_DIR]</c>: every error and warning of a rule set at once.</summary>
internal static class LintCommand
{
    private const string DefaultCases = "tests/cases";
    private const string DefaultDocuments = "../shared/seeds";

    public static Command Create(CliContext context)
    {
        var rules = new Argument<string>("RULES_DIR")
        {
            Description = "The rule-set directory to check.",
            Arity = ArgumentArity.ZeroOrOne,
            DefaultValueFactory = _ => "rules",
        };
        var cases = new Option<string?>("--cases")
        {
            Description = $"Regression cases to replay; rules no case fires become warnings. Default: {DefaultCases} when it exists.",
            HelpName = "DIR",
        };
        var documents = new Option<string?>("--documents")
        {
            Description = "Source documents (<id>.txt) to verify every claim's section and anchor against. The documents are not part of "
                + $"the repository (the catalog only paraphrases them); in the development workspace they sit beside it. Default: {DefaultDocuments} "
                + "when it exists; otherwise locators are not checked and the summary says nothing of them.",
            HelpName = "DIR",
        };
        var command = new Command(
            "lint",
            "Check a rule set: every error as file:line:column: message (did you mean …?), all at once; warnings for claims no rule " +
            "cites and rules no case fires. Exit codes: 0 clean (warnings allowed), 1 errors, 2 usage or I/O error.")
        {
            rules, cases, documents,
        };
        command.SetAction((parse, token) => Task.FromResult(Run(
            context,
            parse.GetValue(rules)!,
            parse.GetValue(cases) ?? Existing(context, DefaultCases),
            parse.GetValue(documents) ?? Existing(context, DefaultDocuments),
            token)));
        return command;
    }

    private static int Run(CliContext context, string rulesDir, string? casesDir, string? documentsDir, CancellationToken cancellationToken)
    {
        var input = RuleSetInput.Read(context, rulesDir);
        var load = input.Load;
        var errors = load.Errors.Select(e => e.ToString()).ToList();
        var warnings = load.Warnings.Select(Warning).ToList();
        var notes = new List<string>();

        if (load.Succeeded)
        {
            if (documentsDir is not null)
            {
                errors.AddRange(VerifyLocators(context, input, load.RuleSet, documentsDir));
                notes.Add($"{load.RuleSet.Catalog.Claims.Length} claim locators checked against {documentsDir}");
            }

            if (casesDir is not null)
            {
                var (caseErrors, caseWarnings, note) = CheckCases(context, load.RuleSet, rulesDir, casesDir, cancellationToken);
                errors.AddRange(caseErrors);
                warnings.AddRange(caseWarnings);
                notes.Add(note);
            }
        }

        var (terminologyErrors, terminologyNote) = TerminologyLint.Check(context, rulesDir);
        errors.AddRange(terminologyErrors);
        if (terminologyNote is not null)
        {
            notes.Add(terminologyNote);
        }

        foreach (var line in errors.Concat(warnings))
        {
            context.Out.WriteLine(line);
        }

        var what = load.Succeeded
            ? $"{RuleSetInput.Label(load.RuleSet)}: {load.RuleSet.Compiled.Model.Rules.Length} rules, {load.RuleSet.Catalog.Claims.Length} claims ({load.RuleSet.UncitedClaims.Length} uncited)"
            : rulesDir;
        context.Out.WriteLine($"{what}; {Count(errors.Count, "error")}, {Count(warnings.Count, "warning")}" + (notes.Count > 0 ? "; " + string.Join("; ", notes) : string.Empty));
        return errors.Count > 0 ? ExitCodes.Failed : ExitCodes.Ok;
    }

    private static IEnumerable<string> VerifyLocators(CliContext context, RuleSetInput input, LoadedRuleSet ruleSet, string documentsDir)
    {
        if (!Directory.Exists(context.Resolve(documentsDir)))
        {
            throw new CliException($"documents directory '{documentsDir}' does not exist");
        }

        return ruleSet.VerifyLocators(context.Resolve(documentsDir)).Select(e => input.Fix(e).ToString());
    }

    private static (List<string> Errors, List<string> Warnings, string Note) CheckCases(
        CliContext context, LoadedRuleSet ruleSet, string rulesDir, string casesDir, CancellationToken cancellationToken)
    {
        var (cases, loadErrors) = CaseDirectory.Read(context, casesDir, Environment.ProcessorCount);
        var errors = loadErrors.Select(e => e + " (case file)").ToList();
        var replay = InProcessReplay.Run(new ClinicalEvaluator(ruleSet), cases, Environment.ProcessorCount, null, cancellationToken);
        errors.AddRange(replay.Items.Where(i => i.Error is not null).Select(i => $"{i.Case.Display}: cannot be evaluated: {i.Error}"));
        var warnings = replay.Coverage!.Value
            .Where(e => e.Fired == 0)
            .Select(e => (Entry: e, Rule: ruleSet.Compiled.FindRule(e.RuleId)!))
            .OrderBy(x => x.Rule.Location?.File, StringComparer.Ordinal).ThenBy(x => x.Rule.Location?.Line)
            .Select(x => $"{RuleSetInput.Where(rulesDir, x.Rule.Location)}: warning: rule '{x.Entry.RuleId}' is fired by no case in {casesDir}")
            .ToList();
        return (errors, warnings, $"{cases.Length} cases replayed from {casesDir}");
    }

    private static string Warning(RuleSetError warning) =>
        $"{warning.File}:{warning.Line}:{warning.Column}: warning: {warning.Message}" +
        (warning.Suggestion is null ? string.Empty : $" (did you mean '{warning.Suggestion}'?)");

    private static string? Existing(CliContext context, string directory) =>
        Directory.Exists(context.Resolve(directory)) ? directory : null;

    private static string Count(int n, string noun) => $"{n} {noun}" + (n == 1 ? string.Empty : "s");
}

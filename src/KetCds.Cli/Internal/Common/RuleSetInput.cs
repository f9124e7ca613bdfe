using KetCds.Clinical;
using KetCds.Rules;

namespace KetCds.Cli.Internal.Common;

/// <summary>
/// Loads a rule-set directory given on the command line. Paths in diagnostics are shown as the user typed the directory,
/// even though loading uses the absolute path (tests run with a working directory other than the process's).
/// </summary>
internal sealed class RuleSetInput
{
    private RuleSetInput(string given, RuleSetLoadResult load)
    {
        Given = given.TrimEnd('/', '\\');
        Load = load with
        {
            Errors = [.. load.Errors.Select(Fix)],
            Warnings = [.. load.Warnings.Select(Fix)],
        };
    }

    /// <summary>The directory as given on the command line.</summary>
    public string Given { get; }

    public RuleSetLoadResult Load { get; }

    /// <summary>Loads <paramref name="directory"/>; a directory that does not exist is a usage error, not a rule error.</summary>
    public static RuleSetInput Read(CliContext context, string directory)
    {
        var full = context.Resolve(directory);
        if (!Directory.Exists(full))
        {
            throw new CliException($"rules directory '{directory}' does not exist");
        }

        // Every command hands the rule set to the clinical layer, so each checks what that layer expects of it.
        return new RuleSetInput(directory, RuleSetLoader.Load(full, ClinicalVocabulary.Contract));
    }

    /// <summary>Loads <paramref name="directory"/> and requires it to be free of errors; otherwise prints them and fails with exit 2.</summary>
    public static LoadedRuleSet ReadValid(CliContext context, string directory)
    {
        var input = Read(context, directory);
        if (input.Load.Succeeded)
        {
            return input.Load.RuleSet;
        }

        foreach (var error in input.Load.Errors)
        {
            context.Error.WriteLine(error.ToString());
        }

        throw new CliException($"rule set '{directory}' has {input.Load.Errors.Length} error(s); run 'ketcds lint {directory}'");
    }

    /// <summary>Shows a diagnostic against the directory as the user typed it rather than the absolute path it was loaded from.</summary>
    public RuleSetError Fix(RuleSetError error) => error with { Root = Given };

    /// <summary>Where a rule-model element was written, as a path the user can open: <c>rules/routes/x.yaml:12:7</c>.</summary>
    public static string Where(string rulesDirectoryAsGiven, Engine.SourceLocation? location) =>
        location is null ? "(no location)" : $"{rulesDirectoryAsGiven.TrimEnd('/', '\\')}/{location.File}:{location.Line}:{location.Column}";

    /// <summary>The rule set as one label, as the server prints it: <c>name@version+hash12</c>.</summary>
    public static string Label(LoadedRuleSet ruleSet) => ruleSet.Identity.ToString();
}

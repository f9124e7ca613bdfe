using KetCds.CdsHooks;

namespace KetCds.Cli.Internal.Lint;

/// <summary>Checks the CDS Hooks terminology map beside the rules (<c>terminology/</c>): parse, unknown targets, duplicate source codes, malformed codes.</summary>
internal static class TerminologyLint
{
    public const string Folder = "terminology";

    /// <summary>Errors as <c>path: location: message</c>, and a note for the summary; nothing when the rule set has no map.</summary>
    public static (IEnumerable<string> Errors, string? Note) Check(CliContext context, string rulesDir)
    {
        var directory = Path.Combine(context.Resolve(rulesDir), Folder);
        if (!Directory.Exists(directory))
        {
            return ([], null);
        }

        var load = TerminologyMapLoader.Load(directory);
        var shown = Path.Combine(rulesDir, Folder);
        return load.Succeeded
            ? ([], $"terminology map {load.Map.Name}@{load.Map.Version}: {load.Map.Codes.Length} codes")
            : (load.Errors.Select(e => $"{Path.Combine(shown, e.File)}: {(e.Location.Length == 0 ? string.Empty : e.Location + ": ")}{e.Message}"), null);
    }
}

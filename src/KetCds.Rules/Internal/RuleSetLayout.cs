using System.Collections.Immutable;
using System.IO.Enumeration;

namespace KetCds.Rules.Internal;

/// <summary>Which file of a rule-set directory is what, decided by its path relative to the directory.</summary>
internal static class RuleSetLayout
{
    public const string Manifest = "ruleset.yaml";
    public const string Vocabulary = "vocabulary.yaml";
    public const string SourcesFolder = "sources/";

    /// <summary>Rule-set files, and '.yml' files, which are warned about rather than read.</summary>
    public static ImmutableArray<string> WatchedPatterns { get; } = ["*.yaml", "*.yml"];

    /// <summary>The directory as the caller gave it, without a trailing separator, to prefix relative paths with '/'.</summary>
    public static string DisplayRoot(string directory)
    {
        var trimmed = directory.TrimEnd('/', '\\');
        return trimmed.Length == 0 ? string.Empty : trimmed;
    }

    /// <summary>A file the loader reads: rule-set files end in '.yaml' (anything else is listed, not read).</summary>
    public static bool IsRuleSetFile(string relativePath) => relativePath.EndsWith(".yaml", StringComparison.Ordinal);

    /// <summary>A source file: <c>sources/&lt;stem&gt;.yaml</c> directly in the sources folder.</summary>
    public static bool IsSource(string relativePath) =>
        relativePath.StartsWith(SourcesFolder, StringComparison.Ordinal) && relativePath.IndexOf('/', SourcesFolder.Length) < 0;

    /// <summary>
    /// Every file under <paramref name="directory"/>, as relative paths with '/' sorted ordinally, so the result never
    /// depends on the order the file system lists them in. Hidden files and folders (".git") are skipped.
    /// </summary>
    public static List<string> Enumerate(string directory)
    {
        var options = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = false, AttributesToSkip = 0 };
        var entries = new FileSystemEnumerable<string>(directory, static (ref FileSystemEntry entry) => entry.ToFullPath(), options)
        {
            // Files, and links to folders: those are listed (and reported when read) rather than followed.
            ShouldIncludePredicate = static (ref FileSystemEntry entry) => !entry.IsDirectory || IsLink(ref entry),
            ShouldRecursePredicate = static (ref FileSystemEntry entry) => !IsLink(ref entry),
        };
        return entries
            .Select(f => Path.GetRelativePath(directory, f).Replace('\\', '/'))
            .Where(r => !r.Split('/').Any(segment => segment.StartsWith('.')))
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    private static bool IsLink(ref FileSystemEntry entry) => (entry.Attributes & FileAttributes.ReparsePoint) != 0;
}

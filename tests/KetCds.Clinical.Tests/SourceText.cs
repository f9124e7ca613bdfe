using System.Text.RegularExpressions;

namespace KetCds.Clinical.Tests;

/// <summary>Word-run matching between the source documents and the project's own text.</summary>
internal static partial class SourceText
{
    public const int RunLength = 8;

    /// <summary>Marks where a dropped locator was, so the words around it never join into one run.</summary>
    public const char Barrier = '\u00a7';

    private static readonly string[] Locators = ["anchor:", "title:", "section:"];

    private static readonly string[] SkippedFolders = ["bin", "obj", ".git", "node_modules"];

    /// <summary>Every run of eight consecutive words of a source document, never across its lines (headings, list items, paragraphs).</summary>
    public static IEnumerable<string> DocumentShingles(string text) => Shingles(text.Replace('\n', Barrier));

    /// <summary>Every run of eight consecutive words, lower-cased and joined by single spaces; identifiers such as <c>phantom_limb_pain</c> are one word.</summary>
    public static IEnumerable<string> Shingles(string text)
    {
        foreach (var segment in text.Replace('\u2019', '\'').Split(Barrier))
        {
            var words = Word().Matches(segment).Select(m => m.Value.ToLowerInvariant()).ToArray();
            for (var i = 0; i + RunLength <= words.Length; i++)
            {
                yield return string.Join(' ', words, i, RunLength);
            }
        }
    }

    /// <summary>The files whose text is the project's own: rules, protos, C# sources, READMEs and the regression cases.</summary>
    public static IEnumerable<string> ProjectFiles(string root)
    {
        IEnumerable<string> Under(string folder, string pattern) =>
            Directory.Exists(Path.Combine(root, folder))
                ? Directory.EnumerateFiles(Path.Combine(root, folder), pattern, SearchOption.AllDirectories)
                : [];

        return Under("rules", "*.yaml")
            .Concat(Under("protos", "*.proto"))
            .Concat(Under("src", "*.cs"))
            .Concat(Under("tests/cases", "*.json"))
            .Concat(Directory.EnumerateFiles(root, "README.md", SearchOption.AllDirectories))
            .Where(f => !Path.GetRelativePath(root, f).Split(Path.DirectorySeparatorChar).Any(SkippedFolders.Contains))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal);
    }

    /// <summary>
    /// Drops the catalog's verbatim locators (anchors, section headings and references, document titles): the rule language requires
    /// them to match the documents word for word, and anchors are at most eight words by design.
    /// </summary>
    public static string WithoutLocators(string file, string text)
    {
        if (!file.Replace('\\', '/').Contains("/rules/sources/", StringComparison.Ordinal))
        {
            return text;
        }

        var kept = new List<string>();
        var inSections = false;
        foreach (var line in text.Split('\n'))
        {
            var trimmed = line.TrimStart();
            if (trimmed.StartsWith("sections:", StringComparison.Ordinal))
            {
                inSections = true;
                kept.Add(Barrier.ToString());
                continue;
            }

            if (inSections && trimmed.StartsWith("- ", StringComparison.Ordinal))
            {
                kept.Add(Barrier.ToString());
                continue;
            }

            inSections = false;
            kept.Add(Locators.Any(l => trimmed.StartsWith(l, StringComparison.Ordinal)) ? Barrier.ToString() : line);
        }

        return string.Join('\n', kept);
    }

    [GeneratedRegex(@"[\p{L}\p{N}_]+(?:'[\p{L}]+)?")]
    private static partial Regex Word();
}

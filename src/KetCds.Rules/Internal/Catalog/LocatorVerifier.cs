using System.Collections.Immutable;
using System.Text;

namespace KetCds.Rules.Internal.Catalog;

/// <summary>Checks the catalog's locators (headings and anchors) against the document texts.</summary>
internal static class LocatorVerifier
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static ImmutableArray<LocatorProblem> Verify(SourceCatalog catalog, string directory)
    {
        var problems = new List<LocatorProblem>();
        foreach (var document in catalog.Documents)
        {
            var name = document.Id + ".txt";
            var lines = ReadLines(Path.Combine(directory, name), document, problems);
            if (lines is null)
            {
                continue;
            }

            var ranges = SectionRanges(document, name, lines, problems);
            foreach (var claim in catalog.ClaimsOf(document.Id))
            {
                CheckClaim(claim, document, lines, ranges, problems);
            }
        }

        return [.. problems];
    }

    /// <summary>Counts the words of an anchor the way the rule language does: runs of non-whitespace.</summary>
    public static int CountWords(string anchor) =>
        anchor.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;

    private static string[]? ReadLines(string path, CatalogDocument document, List<LocatorProblem> problems)
    {
        try
        {
            return File.ReadAllText(path, StrictUtf8).Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            problems.Add(new(document.Id, null, $"document text '{path}' does not exist", document.Location));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or DecoderFallbackException)
        {
            problems.Add(new(document.Id, null, $"document text '{path}' cannot be read: {e.Message}", document.Location));
        }

        return null;
    }

    private static Dictionary<string, (int Start, int End)> SectionRanges(
        CatalogDocument document, string name, string[] lines, List<LocatorProblem> problems)
    {
        var found = new List<(SourceSection Section, int Line)>();
        var cursor = 0;
        foreach (var section in document.Sections.Where(s => !s.IsLead))
        {
            var at = FindLine(lines, section.Heading, cursor);
            if (at >= 0)
            {
                found.Add((section, at));
                cursor = at + 1;
                continue;
            }

            var anywhere = FindLine(lines, section.Heading, 0);
            var message = anywhere < 0
                ? $"heading '{section.Heading}' does not occur as a whole line of {name}"
                : $"heading '{section.Heading}' is on line {anywhere + 1} of {name}, out of the listed order";
            problems.Add(new(document.Id, null, message, section.Location));
        }

        // A section runs from its heading to the next heading that was found; a missing heading gets no range.
        var ranges = new Dictionary<string, (int Start, int End)>(StringComparer.Ordinal)
        {
            [SourceSection.Lead] = (0, found.Count > 0 ? found[0].Line : lines.Length),
        };
        for (var i = 0; i < found.Count; i++)
        {
            ranges[found[i].Section.Heading] = (found[i].Line + 1, i + 1 < found.Count ? found[i + 1].Line : lines.Length);
        }

        return ranges;
    }

    private static void CheckClaim(
        SourceClaim claim, CatalogDocument document, string[] lines, Dictionary<string, (int Start, int End)> ranges, List<LocatorProblem> problems)
    {
        var name = document.Id + ".txt";
        void Add(string message) => problems.Add(new(claim.DocumentId, claim.Id, message, claim.AnchorLocation));

        var words = CountWords(claim.Anchor);
        if (words is 0 or > SourceFileReader.MaxAnchorWords)
        {
            Add($"anchor of claim '{claim.Id}' has {words} words; an anchor has 1 to {SourceFileReader.MaxAnchorWords}");
            return;
        }

        if (!ranges.TryGetValue(claim.Section, out var range))
        {
            // A listed heading that was not found has already been reported; anything else is not a section at all.
            if (document.FindSection(claim.Section) is null)
            {
                Add($"claim '{claim.Id}' is in section '{claim.Section}', which document '{document.Id}' does not list");
            }

            return;
        }

        if (Text(lines, range).Contains(claim.Anchor, StringComparison.Ordinal))
        {
            return;
        }

        var elsewhere = ranges.Where(r => Text(lines, r.Value).Contains(claim.Anchor, StringComparison.Ordinal)).Select(r => r.Key)
            .Order(StringComparer.Ordinal).FirstOrDefault();
        Add(elsewhere is null
            ? $"anchor '{claim.Anchor}' of claim '{claim.Id}' does not occur verbatim in section '{claim.Section}' of {name}"
            : $"anchor '{claim.Anchor}' of claim '{claim.Id}' is in section '{elsewhere}' of {name}, not in '{claim.Section}'");
    }

    private static string Text(string[] lines, (int Start, int End) range) =>
        string.Join('\n', lines, range.Start, range.End - range.Start);

    private static int FindLine(string[] lines, string heading, int from)
    {
        var wanted = heading.Trim();
        for (var i = from; i < lines.Length; i++)
        {
            if (string.Equals(lines[i].Trim(), wanted, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}

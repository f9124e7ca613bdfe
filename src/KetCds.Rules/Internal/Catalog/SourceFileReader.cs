using KetCds.Engine;
using System.Collections.Immutable;
using KetCds.Rules.Internal.Yaml;

namespace KetCds.Rules.Internal.Catalog;

/// <summary>Reads <c>sources/&lt;id&gt;.yaml</c>: one document of the source catalog and its claims.</summary>
internal static class SourceFileReader
{
    public const int MaxAnchorWords = 8;

    public static ImmutableArray<string> RootKeys { get; } = ["document", "claims"];
    public static ImmutableArray<string> DocumentKeys { get; } = ["id", "title", "kind", "quality", "sections"];
    public static ImmutableArray<string> ClaimKeys { get; } = ["id", "topic", "says", "marker", "section", "anchor", "not_encoded"];

    /// <summary>The file's content, or null when its top level cannot be read at all.</summary>
    public static ParsedSource? Read(FileScope file, YamlNode? root, string stem)
    {
        if (root is null)
        {
            file.Error(file.Start, "the source file is empty; it must hold 'document:' and 'claims:'");
            return null;
        }

        if (MappingReader.Open(file, root, "a source file", RootKeys) is not { } m)
        {
            return null;
        }

        var (document, sections) = m.Required("document") is { } d ? ReadDocument(file, d, stem) : (null, null);
        var claims = new List<ClaimEntry>();
        if (m.Required("claims") is { } c && file.Sequence(c, "'claims'", nonEmpty: false) is { } list)
        {
            foreach (var item in list.Children)
            {
                if (ReadClaim(file, item, stem, sections) is { } claim)
                {
                    claims.Add(claim);
                }
            }
        }

        return new ParsedSource(document, claims);
    }

    /// <summary>The document, or null when it has errors; its sections are returned apart so claims can still be checked against them.</summary>
    private static (CatalogDocument? Document, ImmutableArray<SourceSection>? Sections) ReadDocument(FileScope file, YamlNode node, string stem)
    {
        if (MappingReader.Open(file, node, "'document'", DocumentKeys) is not { } m)
        {
            return (null, null);
        }

        var idNode = m.Required("id");
        var id = idNode is null ? null : file.Text(idNode, "the document id");
        if (id is not null && !string.Equals(id, stem, StringComparison.Ordinal))
        {
            file.Error(idNode!, $"document id '{id}' does not match its file name '{stem}.yaml'", stem);
            id = null;
        }

        var title = m.Required("title") is { } t ? file.Text(t, "the document title") : null;
        var kind = m.Required("kind") is { } k ? OneOf(file, k, "document kind", Naming.DocumentKinds) : null;
        var quality = m.Required("quality") is { } q ? file.Text(q, "the document quality") : null;
        var sectionsOk = false;
        var sections = m.Required("sections") is { } s ? ReadSections(file, s, out sectionsOk) : null;
        var document = id is null || title is null || kind is null || quality is null || sections is null || !sectionsOk
            ? null
            : new CatalogDocument(id, title, kind, quality, sections.Value, file.At(idNode!));
        return (document, sections);
    }

    /// <summary>The headings that are text, even when some have errors (<paramref name="ok"/> false), so claims can be checked against them.</summary>
    private static ImmutableArray<SourceSection>? ReadSections(FileScope file, YamlNode node, out bool ok)
    {
        ok = false;
        if (file.Sequence(node, "'sections'", nonEmpty: true) is not { } list)
        {
            return null;
        }

        var sections = new List<SourceSection>();
        ok = true;
        foreach (var item in list.Children)
        {
            if (file.Text(item, "a section heading") is not { } heading)
            {
                ok = false;
                continue;
            }

            if (heading == SourceSection.Lead && sections.Count > 0)
            {
                file.Error(item, "'lead' is the text before the first heading, so it can only be the first section");
                ok = false;
            }
            else if (sections.Any(x => string.Equals(x.Heading, heading, StringComparison.Ordinal)))
            {
                file.Error(item, $"section '{heading}' is listed more than once");
                ok = false;
            }

            sections.Add(new SourceSection(heading, file.At(item)));
        }

        return [.. sections];
    }

    private static ClaimEntry? ReadClaim(FileScope file, YamlNode node, string documentId, ImmutableArray<SourceSection>? sections)
    {
        if (MappingReader.Open(file, node, "a claim", ClaimKeys) is not { } m)
        {
            return null;
        }

        var idNode = m.Required("id");
        var id = idNode is null ? null : file.Name(idNode, "claim id", Naming.ClaimId(), "use lower-case words separated by '.', such as 'review.iv-series'");
        var what = id is null ? "a claim" : $"claim '{id}'";
        var topic = m.Required("topic") is { } t ? OneOf(file, t, "topic", Naming.Topics) : null;
        var says = m.Required("says") is { } s ? file.Text(s, $"what {what} says") : null;
        var marker = m.Optional("marker") is { } mk ? file.Text(mk, $"the marker of {what}") : null;
        var notEncoded = m.Optional("not_encoded") is { } ne ? file.Text(ne, $"the not_encoded reason of {what}") : null;
        var sectionNode = m.Required("section");
        var section = sectionNode is null ? null : file.Text(sectionNode, $"the section of {what}");
        if (section is not null && sections is { } listed && !listed.Any(x => string.Equals(x.Heading, section, StringComparison.Ordinal)))
        {
            var headings = listed.Select(x => x.Heading).ToArray();
            file.Error(sectionNode!, $"section '{section}' is not among the sections of document '{documentId}'", NameSuggester.Suggest(section, headings));
            section = null;
        }

        var anchorNode = m.Required("anchor");
        var anchor = anchorNode is null ? null : file.Text(anchorNode, $"the anchor of {what}");
        var words = anchor is null ? 0 : LocatorVerifier.CountWords(anchor);
        if (words > MaxAnchorWords)
        {
            file.Error(anchorNode!, $"the anchor of {what} has {words} words; an anchor has at most {MaxAnchorWords}");
            anchor = null;
        }

        if (id is null)
        {
            return null;
        }

        var complete = topic is not null && says is not null && section is not null && anchor is not null
            && (m.Optional("marker") is null || marker is not null) && (m.Optional("not_encoded") is null || notEncoded is not null);
        var claim = complete
            ? new SourceClaim(id, documentId, topic!, says!, marker, section!, anchor!, notEncoded, file.At(node), file.At(anchorNode!))
            : null;
        return new ClaimEntry(id, file.At(idNode!), notEncoded, claim);
    }

    private static string? OneOf(FileScope file, YamlNode node, string what, ImmutableArray<string> allowed)
    {
        if (file.Text(node, what) is not { } text)
        {
            return null;
        }

        if (allowed.Contains(text, StringComparer.Ordinal))
        {
            return text;
        }

        var (message, suggestion) = UnknownName.Message(what, text, allowed);
        file.Error(node, message, suggestion);
        return null;
    }
}

using System.Collections.Immutable;
using KetCds.Engine;

namespace KetCds.Rules;

/// <summary>A document of the source catalog, declared by <c>sources/&lt;id&gt;.yaml</c>.</summary>
/// <param name="Id">The document id, equal to its file stem and to the stem of its text file <c>&lt;id&gt;.txt</c>.</param>
/// <param name="Title">The document's title.</param>
/// <param name="Kind">review-article, clinic-article or product-promotion.</param>
/// <param name="Quality">A plain-language appraisal of how far the document can be trusted.</param>
/// <param name="Sections">Its sections in the order they appear in the text.</param>
/// <param name="Location">Where the document id is written.</param>
public sealed record CatalogDocument(
    string Id,
    string Title,
    string Kind,
    string Quality,
    ImmutableArray<SourceSection> Sections,
    SourceLocation Location)
{
    /// <summary>The section with the given heading, or null.</summary>
    public SourceSection? FindSection(string heading)
    {
        foreach (var section in Sections)
        {
            if (string.Equals(section.Heading, heading, StringComparison.Ordinal))
            {
                return section;
            }
        }

        return null;
    }
}

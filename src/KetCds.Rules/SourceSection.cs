using KetCds.Engine;

namespace KetCds.Rules;

/// <summary>A section of a source document: a heading line of its text, or <c>lead</c> for the text before the first heading.</summary>
/// <param name="Heading">The heading exactly as it appears on its own line, or <c>lead</c>.</param>
/// <param name="Location">Where the heading is listed in the source file.</param>
public sealed record SourceSection(string Heading, SourceLocation Location)
{
    /// <summary>The name of the pseudo-section holding the text before the first heading.</summary>
    public const string Lead = "lead";

    /// <summary>Whether this is the lead pseudo-section.</summary>
    public bool IsLead => string.Equals(Heading, Lead, StringComparison.Ordinal);
}

using KetCds.Engine;

namespace KetCds.Rules;

/// <summary>A locator of the source catalog that does not match its document's text.</summary>
/// <param name="DocumentId">The document concerned.</param>
/// <param name="ClaimId">The claim concerned, or null for a problem with the document itself.</param>
/// <param name="Message">What does not match.</param>
/// <param name="Location">Where the offending locator is written (relative to the rule-set directory).</param>
public sealed record LocatorProblem(string DocumentId, string? ClaimId, string Message, SourceLocation Location)
{
    /// <summary>Renders the problem as <c>file:line:column: message</c>.</summary>
    public override string ToString() => $"{Location}: {Message}";
}

using KetCds.Engine;

namespace KetCds.Rules;

/// <summary>One claim of a source document, paraphrased, with a locator that points at its words in the document.</summary>
/// <param name="Id">The globally unique claim id that rules cite.</param>
/// <param name="DocumentId">The document the claim comes from.</param>
/// <param name="Topic">What the claim is about (eligibility, route, risk, …).</param>
/// <param name="Says">The paraphrase shown to clinicians.</param>
/// <param name="Marker">The document's own reference marker near the claim, such as <c>[4]</c>, if any.</param>
/// <param name="Section">The heading of the section the claim is in, or <c>lead</c>.</param>
/// <param name="Anchor">A short verbatim phrase (1 to 8 words) from that section.</param>
/// <param name="NotEncoded">Why no rule uses the claim, when that is deliberate; otherwise null.</param>
/// <param name="Location">Where the claim begins in its source file.</param>
/// <param name="AnchorLocation">Where the anchor is written.</param>
public sealed record SourceClaim(
    string Id,
    string DocumentId,
    string Topic,
    string Says,
    string? Marker,
    string Section,
    string Anchor,
    string? NotEncoded,
    SourceLocation Location,
    SourceLocation AnchorLocation);

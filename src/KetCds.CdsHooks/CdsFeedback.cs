using System.Collections.Immutable;

namespace KetCds.CdsHooks;

/// <summary>One feedback item an EHR sent about a card: accepted or overridden, and why. Free-text comments are not kept.</summary>
/// <param name="ServiceId">The service whose card it is.</param>
/// <param name="Card">The card's uuid.</param>
/// <param name="Outcome"><c>accepted</c> or <c>overridden</c>.</param>
/// <param name="OverrideReason">The override reason as <c>system|code</c>, when given.</param>
/// <param name="AcceptedSuggestions">Ids of accepted suggestions.</param>
/// <param name="OutcomeTimestamp">When the clinician acted, as the EHR sent it (ISO 8601).</param>
/// <param name="HasUserComment">Whether the clinician wrote a comment (its text may identify the patient and is not recorded).</param>
public sealed record CdsFeedback(
    string ServiceId,
    string Card,
    string Outcome,
    string? OverrideReason,
    ImmutableArray<string> AcceptedSuggestions,
    string OutcomeTimestamp,
    bool HasUserComment);

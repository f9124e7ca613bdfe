using KetCds.Engine;

namespace KetCds.Rules.Internal.Catalog;

/// <summary>A claim id as read, for citation checks even when the rest of the claim has errors.</summary>
/// <param name="Id">The claim id.</param>
/// <param name="IdLocation">Where the id is written.</param>
/// <param name="NotEncoded">The not_encoded reason, if any.</param>
/// <param name="Claim">The whole claim, or null when it has errors.</param>
internal sealed record ClaimEntry(string Id, SourceLocation IdLocation, string? NotEncoded, SourceClaim? Claim);

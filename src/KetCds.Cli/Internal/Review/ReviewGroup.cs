using System.Collections.Immutable;

namespace KetCds.Cli.Internal.Review;

/// <summary>A section of the review table: eligibility, recommendations, risks and alerts, findings, data requests.</summary>
/// <param name="Title">The section heading.</param>
/// <param name="Rows">Its rules, sorted by id.</param>
internal sealed record ReviewGroup(string Title, ImmutableArray<ReviewRow> Rows);

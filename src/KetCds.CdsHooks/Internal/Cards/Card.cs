using System.Collections.Immutable;

namespace KetCds.CdsHooks.Internal.Cards;

/// <summary>One CDS Hooks card before it is written out.</summary>
/// <param name="Kind">What the card is about (eligibility, route, maintenance, risk, alert, findings, missing-data, record, order); its topic code.</param>
/// <param name="Summary">One line, at most 140 characters.</param>
/// <param name="Detail">Markdown.</param>
/// <param name="Indicator">info, warning or critical.</param>
/// <param name="SourceIds">The source documents the card cites, by id, ordered.</param>
/// <param name="Status">The eligibility status, on the eligibility card only.</param>
/// <param name="Codes">The result codes (or field paths) the card shows, in result order.</param>
internal sealed record Card(
    string Kind,
    string Summary,
    string Detail,
    string Indicator,
    ImmutableArray<string> SourceIds,
    string? Status,
    ImmutableArray<string> Codes);

using System.Collections.Immutable;
using System.Text;
using KetCds.CdsHooks.Internal.Fhir;
using KetCds.Contracts.V1;

namespace KetCds.CdsHooks.Internal.Cards;

/// <summary>
/// Turns one result into cards: one per decision a clinician acts on. Every clinical sentence on a card is a rule's
/// text or a catalogued claim's paraphrase from the result; the builder adds only labels, values and structure.
/// </summary>
internal static class CardBuilder
{
    public static ImmutableArray<Card> Build(
        EvaluationResult result,
        CatalogIndex catalog,
        OrderCheck? orders,
        MappedPatient mapped,
        ImmutableArray<PrefetchGap> gaps)
    {
        var cards = ImmutableArray.CreateBuilder<Card>();
        var eligibility = result.Eligibility;
        var status = eligibility?.Status ?? EligibilityStatus.Unspecified;
        cards.Add(EligibilityCard(eligibility, status, catalog));
        if (orders is not null)
        {
            cards.AddRange(OrderCards(orders, result, status));
        }

        foreach (var route in result.Routes)
        {
            cards.Add(RouteCard(route, catalog));
        }

        if (result.Maintenance is { } maintenance)
        {
            cards.Add(MaintenanceCard(maintenance, catalog));
        }

        foreach (var risk in result.RiskModifiers)
        {
            var detail = new StringBuilder();
            detail.Append(risk.Text).Append("\n\n**Severity:** ").Append(risk.Severity.ToString().ToLowerInvariant());
            if (risk.Adjustments.Count > 0)
            {
                detail.Append("\n\n**What changes:** ").Append(string.Join("; ", risk.Adjustments.Select(Words.Adjustment)));
            }

            var sources = Cite(detail, [risk.Justification], catalog);
            cards.Add(new Card("risk", Words.Fit(risk.Text), detail.ToString(), risk.Severity >= Severity.Moderate ? "warning" : "info", sources, null, [risk.Code]));
        }

        foreach (var alert in result.Alerts)
        {
            var detail = new StringBuilder();
            detail.Append(alert.Text).Append("\n\n**Severity:** ").Append(alert.Severity.ToString().ToLowerInvariant());
            var sources = Cite(detail, [alert.Justification], catalog);
            cards.Add(new Card("alert", Words.Fit(alert.Text), detail.ToString(), alert.Severity == Severity.High ? "critical" : "warning", sources, null, [alert.Code]));
        }

        if (result.Findings.Count > 0)
        {
            var detail = new StringBuilder();
            foreach (var finding in result.Findings)
            {
                detail.Append("- ").Append(finding.Text).Append('\n');
            }

            var sources = Cite(detail, result.Findings.Select(f => f.Justification), catalog);
            cards.Add(new Card("findings", Words.Fit($"What the sources add for this patient: {result.Findings.Count} notes"), Markdown(detail), "info", sources, null, [.. result.Findings.Select(f => f.Code)]));
        }

        if (result.MissingData.Count > 0)
        {
            cards.Add(MissingDataCard(result.MissingData));
        }

        if (!mapped.Unmapped.IsEmpty || !mapped.Notes.IsEmpty || !gaps.IsEmpty)
        {
            cards.Add(RecordCard(mapped, gaps));
        }

        return cards.ToImmutable();
    }

    private static Card EligibilityCard(Eligibility? eligibility, EligibilityStatus status, CatalogIndex catalog)
    {
        var detail = new StringBuilder();
        detail.Append("**Decision:** ").Append(Words.Status(status)).Append("\n\n");
        var reasons = eligibility?.Reasons ?? [];
        if (reasons.Count > 0)
        {
            detail.Append("**Why:**\n");
            foreach (var reason in reasons)
            {
                detail.Append("- ").Append(reason.Text).Append('\n');
            }

            detail.Append('\n');
        }

        if (eligibility?.Severity is { } severity)
        {
            detail.Append("**Severity as recorded:** clinician judges severe: ")
                .Append(severity.HasClinicianJudgesSevere ? Words.Bool(severity.ClinicianJudgesSevere) : "not recorded")
                .Append("; pain score (0-10): ")
                .Append(severity.HasPainSeverityNrs ? severity.PainSeverityNrs.ToString(System.Globalization.CultureInfo.InvariantCulture) : "not recorded")
                .Append("\n\n");
        }

        var sources = Cite(detail, reasons.Select(r => r.Justification), catalog);
        var summary = reasons.Count > 0 ? $"Ketamine therapy: {Words.Status(status)}. {reasons[0].Text}" : $"Ketamine therapy: {Words.Status(status)}";
        var indicator = status == EligibilityStatus.Eligible ? "info" : "warning";
        var statusName = ResultReflection.Descriptor.FindTypeByName<Google.Protobuf.Reflection.EnumDescriptor>(nameof(EligibilityStatus)).FindValueByNumber((int)status).Name;
        return new Card("eligibility", Words.Fit(summary), Markdown(detail), indicator, sources, statusName, [.. reasons.Select(r => r.Code)]);
    }

    private static IEnumerable<Card> OrderCards(OrderCheck orders, EvaluationResult result, EligibilityStatus status)
    {
        var offered = result.Routes.Select(r => r.Route).ToHashSet();
        foreach (var (order, route) in orders.Orders)
        {
            string summary;
            var indicator = status == EligibilityStatus.Eligible ? "info" : "warning";
            if (route is not { } ordered)
            {
                summary = $"Ketamine order; the rule set finds this patient {Words.Status(status)}. The order names no route KetCds can read.";
            }
            else if (offered.Contains(ordered))
            {
                summary = $"Ketamine order by {Words.Route(ordered)}: among the routes the rule set describes for this patient ({Words.Status(status)}).";
            }
            else
            {
                summary = $"Ketamine order by {Words.Route(ordered)}: not among the routes the rule set describes for this patient ({Words.Status(status)}).";
                indicator = "warning";
            }

            var detail = new StringBuilder();
            detail.Append("**Order:** ").Append(order).Append("\n\n**Routes the rule set describes for this patient:** ")
                .Append(offered.Count == 0 ? "none" : string.Join(", ", result.Routes.Select(r => $"{Words.Route(r.Route)} ({Words.Protocol(r.Protocol)})")));
            yield return new Card("order", Words.Fit(summary), detail.ToString(), indicator, [], null, [order]);
        }
    }

    private static Card RouteCard(RouteRecommendation route, CatalogIndex catalog)
    {
        var detail = new StringBuilder();
        detail.Append(route.Text).Append("\n\n**Route:** ").Append(Words.Route(route.Route)).Append("; **protocol:** ").Append(Words.Protocol(route.Protocol)).Append("\n\n");
        if (route.ExpectedRelief.Count > 0)
        {
            detail.Append("**Relief each source reports:**\n");
            foreach (var estimate in route.ExpectedRelief)
            {
                var title = catalog.Documents.TryGetValue(estimate.SourceId, out var document) ? document.Title : estimate.SourceId;
                detail.Append("- ").Append(Words.Relief(estimate.Range)).Append(": ").Append(estimate.Text)
                    .Append(" (*").Append(title).Append("*, ").Append(Words.Kind(estimate.SourceKind)).Append(")\n");
            }

            detail.Append('\n');
        }
        else
        {
            detail.Append("**Relief:** no source gives a duration for this route.\n\n");
        }

        if (route.HasCourseSessionsMin)
        {
            detail.Append("**Sessions in the course:** ").Append(route.CourseSessionsMin)
                .Append(route.HasCourseSessionsMax && route.CourseSessionsMax != route.CourseSessionsMin ? $" to {route.CourseSessionsMax}" : string.Empty);
            if (route.HasFitsLowestCap)
            {
                detail.Append("; fits the lowest yearly cap: ").Append(Words.Bool(route.FitsLowestCap));
            }

            detail.Append("\n\n");
        }

        var sources = Cite(detail, [route.Justification], catalog, route.ExpectedRelief.Select(r => (r.SourceId, r.ClaimId)));
        var relief = route.ExpectedRelief.Count == 0
            ? "no source gives a duration"
            : string.Join("; ", route.ExpectedRelief.Select(r => Words.Relief(r.Range)).Distinct(StringComparer.Ordinal));
        return new Card("route", Words.Fit($"Option: {Words.Route(route.Route)} {Words.Protocol(route.Protocol)}. Relief reported: {relief}"), Markdown(detail), "info", sources, null, [route.Code]);
    }

    private static Card MaintenanceCard(MaintenanceGuidance maintenance, CatalogIndex catalog)
    {
        var detail = new StringBuilder();
        foreach (var item in maintenance.Items)
        {
            detail.Append("- ").Append(item.Text).Append('\n');
        }

        detail.Append('\n');
        var capReached = false;
        if (maintenance.YearlyCap is { } cap)
        {
            detail.Append("**Yearly cap most clinics use:** ").Append(cap.MinSessions).Append(" to ").Append(cap.MaxSessions).Append(" sessions");
            if (cap.HasSessionsUsed)
            {
                capReached = cap.HasReached && cap.Reached;
                detail.Append("; used in the last 12 months: ").Append(cap.SessionsUsed)
                    .Append("; left: ").Append(cap.RemainingAtMin).Append(" (lowest cap) to ").Append(cap.RemainingAtMax).Append(" (highest cap)");
            }

            detail.Append("\n\n");
        }

        if (maintenance.HasDaysSinceLastSession)
        {
            detail.Append("**Days since the last session:** ").Append(maintenance.DaysSinceLastSession).Append("\n\n");
        }

        var sources = Cite(detail, maintenance.Items.Select(i => i.Justification).Append(maintenance.Justification), catalog);
        var first = maintenance.Items.Count > 0 ? maintenance.Items[0].Text
            : maintenance.YearlyCap is { } yearly ? $"yearly cap of {yearly.MinSessions} to {yearly.MaxSessions} sessions" : "see detail";
        return new Card("maintenance", Words.Fit($"Maintenance: {first}"), Markdown(detail), capReached ? "warning" : "info", sources, null, [.. maintenance.Items.Select(i => i.Code)]);
    }

    private static Card MissingDataCard(IEnumerable<MissingData> missing)
    {
        var items = missing.ToList();
        var detail = new StringBuilder();
        detail.Append("Recording these would change what the rule set can decide:\n\n");
        foreach (var item in items)
        {
            detail.Append("- **").Append(Words.Field(item.Field)).Append("**: ").Append(item.Reason)
                .Append(" *Record as:* ").Append(RecordHints.For(item.Field)).Append('\n');
        }

        var summary = $"To decide, record: {string.Join(", ", items.Select(i => Words.Field(i.Field)).Distinct(StringComparer.Ordinal))}";
        return new Card("missing-data", Words.Fit(summary), Markdown(detail), "warning", [], null, [.. items.Select(i => i.Field)]);
    }

    private static Card RecordCard(MappedPatient mapped, ImmutableArray<PrefetchGap> gaps)
    {
        var detail = new StringBuilder();
        if (!gaps.IsEmpty)
        {
            detail.Append("**Data not available** (answered with what is known):\n");
            foreach (var gap in gaps)
            {
                detail.Append("- `").Append(gap.Key).Append("`: ").Append(gap.Reason).Append('\n');
            }

            detail.Append('\n');
        }

        if (!mapped.Unmapped.IsEmpty)
        {
            detail.Append("**Codes not in the terminology map** (not used):\n");
            foreach (var code in mapped.Unmapped)
            {
                detail.Append("- ").Append(code.Resource).Append(' ').Append(code.Path).Append(": ").Append(code.Codes).Append('\n');
            }

            detail.Append('\n');
        }

        if (!mapped.Notes.IsEmpty)
        {
            detail.Append("**Read but not used:**\n");
            foreach (var note in mapped.Notes)
            {
                detail.Append("- ").Append(note.Resource).Append(' ').Append(note.Path).Append(": ").Append(note.Message).Append('\n');
            }
        }

        var parts = new List<string>();
        if (!gaps.IsEmpty)
        {
            parts.Add($"{gaps.Length} data set{(gaps.Length == 1 ? string.Empty : "s")} not available");
        }

        if (!mapped.Unmapped.IsEmpty)
        {
            parts.Add($"{mapped.Unmapped.Length} code{(mapped.Unmapped.Length == 1 ? string.Empty : "s")} not in the terminology map");
        }

        if (!mapped.Notes.IsEmpty)
        {
            parts.Add($"{mapped.Notes.Length} item{(mapped.Notes.Length == 1 ? string.Empty : "s")} not used");
        }

        var codes = gaps.Select(g => "prefetch." + g.Key).Concat(mapped.Unmapped.Select(u => $"{u.Resource}.{u.Path}")).ToImmutableArray();
        return new Card("record", Words.Fit($"Part of the record was not used: {string.Join(", ", parts)}"), Markdown(detail), "info", [], null, codes);
    }

    // The detail without trailing white space, trimmed in the builder rather than by copying the text once more.
    private static string Markdown(StringBuilder detail)
    {
        var length = detail.Length;
        while (length > 0 && char.IsWhiteSpace(detail[length - 1]))
        {
            length--;
        }

        detail.Length = length;
        return detail.ToString();
    }

    /// <summary>Appends the sources section (document, kind, quality, and each cited claim) and returns the cited document ids.</summary>
    private static ImmutableArray<string> Cite(
        StringBuilder detail,
        IEnumerable<Justification?> justifications,
        CatalogIndex catalog,
        IEnumerable<(string SourceId, string ClaimId)>? extra = null)
    {
        var claims = new List<(string SourceId, string ClaimId)>();
        foreach (var justification in justifications)
        {
            if (justification is not null)
            {
                claims.AddRange(justification.Citations.Select(c => (c.SourceId, c.ClaimId)));
            }
        }

        claims.AddRange(extra ?? []);
        var byDocument = claims.Distinct().GroupBy(c => c.SourceId).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        if (byDocument.Count == 0)
        {
            return [];
        }

        detail.Append("**Sources:**\n");
        foreach (var group in byDocument)
        {
            if (catalog.Documents.TryGetValue(group.Key, out var document))
            {
                detail.Append("- *").Append(document.Title).Append("* (").Append(Words.Kind(document.Kind)).Append("). ").Append(document.QualityNote).Append('\n');
            }
            else
            {
                detail.Append("- ").Append(group.Key).Append('\n');
            }

            foreach (var (_, claimId) in group.OrderBy(c => c.ClaimId, StringComparer.Ordinal))
            {
                if (catalog.Claims.TryGetValue(claimId, out var claim))
                {
                    detail.Append("  - ").Append(claim.Statement).Append(" (").Append(claim.Section).Append(")\n");
                }
            }
        }

        detail.Append('\n');
        return [.. byDocument.Select(g => g.Key)];
    }
}

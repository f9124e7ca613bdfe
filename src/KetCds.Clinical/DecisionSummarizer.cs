using KetCds.Contracts.V1;

namespace KetCds.Clinical;

/// <summary>Reduces a result to the decision a clinical reviewer checks: codes, routes, ranges and missing fields, sorted.</summary>
public static class DecisionSummarizer
{
    /// <summary>Summarizes a result.</summary>
    public static DecisionSummary Summarize(EvaluationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var summary = new DecisionSummary
        {
            Eligibility = result.Eligibility?.Status ?? EligibilityStatus.Unspecified,
            YearlyCap = result.Maintenance?.YearlyCap?.Clone(),
        };
        summary.EligibilityReasonCodes.AddRange(Sorted(result.Eligibility?.Reasons.Select(r => r.Code)));
        foreach (var route in result.Routes.OrderBy(r => r.Code, StringComparer.Ordinal))
        {
            var item = new RouteSummary { Code = route.Code, Route = route.Route, Protocol = route.Protocol };
            item.Relief.AddRange(route.ExpectedRelief
                .OrderBy(e => e.ClaimId, StringComparer.Ordinal)
                .Select(e => new SourcedRelief { SourceId = e.SourceId, ClaimId = e.ClaimId, Range = e.Range?.Clone() }));
            summary.Routes.Add(item);
        }

        summary.MaintenanceCodes.AddRange(Sorted(result.Maintenance?.Items.Select(i => i.Code)));
        foreach (var risk in result.RiskModifiers.OrderBy(r => r.Code, StringComparer.Ordinal))
        {
            var item = new RiskSummary { Code = risk.Code, Severity = risk.Severity };
            item.Adjustments.AddRange(risk.Adjustments.Order());
            summary.Risks.Add(item);
        }

        summary.AlertCodes.AddRange(Sorted(result.Alerts.Select(a => a.Code)));
        summary.FindingCodes.AddRange(Sorted(result.Findings.Select(f => f.Code)));
        summary.MissingFields.AddRange(Sorted(result.MissingData.Select(m => m.Field)));
        return summary;
    }

    private static IEnumerable<string> Sorted(IEnumerable<string>? codes) =>
        (codes ?? []).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
}

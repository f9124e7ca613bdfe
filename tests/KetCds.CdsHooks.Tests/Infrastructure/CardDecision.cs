using System.Text.Json.Nodes;
using KetCds.Contracts.V1;

namespace KetCds.CdsHooks.Tests.Infrastructure;

/// <summary>The decision the cards carry (in each card's org.ketcds extension), in the regression summary's shape.</summary>
internal static class CardDecision
{
    public static DecisionSummary From(IEnumerable<JsonNode?> cards)
    {
        var summary = new DecisionSummary();
        foreach (var card in cards.Select(c => c!.AsObject()))
        {
            var extension = card["extension"]!["org.ketcds"]!;
            var codes = extension["codes"]!.AsArray().Select(c => c!.GetValue<string>()).ToList();
            switch (extension["kind"]!.GetValue<string>())
            {
                case "eligibility":
                    summary.Eligibility = (EligibilityStatus)ResultReflection.Descriptor.FindTypeByName<Google.Protobuf.Reflection.EnumDescriptor>(nameof(EligibilityStatus))
                        .FindValueByName(extension["status"]!.GetValue<string>()).Number;
                    summary.EligibilityReasonCodes.AddRange(codes);
                    break;
                case "route":
                    summary.Routes.Add(new RouteSummary { Code = codes.Single() });
                    break;
                case "maintenance":
                    summary.MaintenanceCodes.AddRange(codes);
                    break;
                case "risk":
                    summary.Risks.Add(new RiskSummary { Code = codes.Single() });
                    break;
                case "alert":
                    summary.AlertCodes.AddRange(codes);
                    break;
                case "findings":
                    summary.FindingCodes.AddRange(codes);
                    break;
                case "missing-data":
                    summary.MissingFields.AddRange(codes);
                    break;
                default:
                    break;
            }
        }

        return Normalize(summary);
    }

    /// <summary>Only what cards carry (codes, status), sorted, so a contract summary and a card summary compare.</summary>
    public static DecisionSummary Normalize(DecisionSummary full)
    {
        var summary = new DecisionSummary { Eligibility = full.Eligibility };
        summary.EligibilityReasonCodes.AddRange(full.EligibilityReasonCodes.Distinct().Order(StringComparer.Ordinal));
        summary.Routes.AddRange(full.Routes.Select(r => new RouteSummary { Code = r.Code }).OrderBy(r => r.Code, StringComparer.Ordinal));
        summary.MaintenanceCodes.AddRange(full.MaintenanceCodes.Distinct().Order(StringComparer.Ordinal));
        summary.Risks.AddRange(full.Risks.Select(r => new RiskSummary { Code = r.Code }).OrderBy(r => r.Code, StringComparer.Ordinal));
        summary.AlertCodes.AddRange(full.AlertCodes.Distinct().Order(StringComparer.Ordinal));
        summary.FindingCodes.AddRange(full.FindingCodes.Distinct().Order(StringComparer.Ordinal));
        summary.MissingFields.AddRange(full.MissingFields.Distinct().Order(StringComparer.Ordinal));
        return summary;
    }
}

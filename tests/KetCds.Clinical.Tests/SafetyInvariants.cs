using KetCds.Contracts.V1;

namespace KetCds.Clinical.Tests;

/// <summary>The clinical safety invariants every evaluation must satisfy, whatever the patient.</summary>
internal static class SafetyInvariants
{
    /// <summary>The one reason that is not a clinical statement: the data did not decide eligibility.</summary>
    public const string UndecidedReason = "eligibility.undecided";

    private static readonly RouteProtocol[] InfusionProtocols =
        [RouteProtocol.SingleInfusion, RouteProtocol.InfusionSeries, RouteProtocol.MultiDayContinuous, RouteProtocol.PeriodicBooster];

    private static readonly Adjustment[] SubstanceUseAdjustments =
        [Adjustment.Screening, Adjustment.CloserMonitoring, Adjustment.ReducedDose, Adjustment.ShorterDuration];

    /// <summary>Every violated invariant, as readable lines; empty when the result is safe.</summary>
    public static List<string> Check(PatientFacts patient, EvaluationResult result)
    {
        var problems = new List<string>();
        CheckCited(result, problems);
        CheckRoutes(patient, result, problems);
        CheckSubstanceUse(patient, result, problems);
        return problems;
    }

    private static void CheckCited(EvaluationResult result, List<string> problems)
    {
        void Require(string what, string code, Justification? justification)
        {
            if (justification is null || justification.Citations.Count == 0 || justification.Citations.Any(c => c.ClaimId.Length == 0 || c.SourceId.Length == 0))
            {
                problems.Add($"{what} {code} is output without a citation");
            }
        }

        foreach (var route in result.Routes)
        {
            Require("route", route.Code, route.Justification);
            foreach (var estimate in route.ExpectedRelief.Where(e => e.ClaimId.Length == 0 || e.SourceId.Length == 0 || e.Range is null))
            {
                problems.Add($"relief estimate of {route.Code} is not attributed to a claim and source");
            }
        }

        foreach (var reason in result.Eligibility?.Reasons ?? [])
        {
            if (reason.Code != UndecidedReason)
            {
                Require("eligibility reason", reason.Code, reason.Justification);
            }
        }

        foreach (var risk in result.RiskModifiers) Require("risk", risk.Code, risk.Justification);
        foreach (var alert in result.Alerts) Require("alert", alert.Code, alert.Justification);
        foreach (var item in result.Maintenance?.Items ?? []) Require("maintenance item", item.Code, item.Justification);
        foreach (var finding in result.Findings) Require("finding", finding.Code, finding.Justification);
    }

    private static void CheckRoutes(PatientFacts patient, EvaluationResult result, List<string> problems)
    {
        var status = result.Eligibility?.Status ?? EligibilityStatus.Unspecified;
        if (status == EligibilityStatus.Unspecified)
        {
            problems.Add("eligibility is UNSPECIFIED");
        }

        if (status != EligibilityStatus.Eligible && result.Routes.Count > 0)
        {
            problems.Add($"routes recommended while eligibility is {status}: {string.Join(", ", result.Routes.Select(r => r.Code))}");
        }

        var infusions = result.Routes.Where(r => r.Route == Route.Iv && InfusionProtocols.Contains(r.Protocol)).Select(r => r.Code).ToList();
        if (infusions.Count > 0 && patient.PriorKetamine is { HasSessionsLast12Months: true, SessionsLast12Months: >= 12 })
        {
            problems.Add($"IV infusions recommended at or above the 12-session yearly cap: {string.Join(", ", infusions)}");
        }
    }

    private static void CheckSubstanceUse(PatientFacts patient, EvaluationResult result, List<string> problems)
    {
        var history = patient.History;
        var misuse = history is not null && ((history.HasAlcoholUseDisorder && history.AlcoholUseDisorder) || (history.HasDrugUseDisorder && history.DrugUseDisorder));
        if (!misuse || result.Routes.Count == 0)
        {
            return;
        }

        var risk = result.RiskModifiers.FirstOrDefault(r => r.Code == "risk.substance-use");
        if (risk is null || SubstanceUseAdjustments.Except(risk.Adjustments).Any())
        {
            problems.Add("routes recommended to a patient with alcohol or drug misuse without the substance-use modifier and its four adjustments");
        }
    }
}

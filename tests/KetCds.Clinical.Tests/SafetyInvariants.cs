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
        CheckRisksIndependentOfEligibility(patient, result, problems);
        CheckCancerOnly(patient, result, problems);
        CheckEarlierResponse(patient, result, problems);
        CheckCourseWithinCap(patient, result, problems);
        CheckFirstRoute(patient, result, problems);
        CheckMissingFacts(patient, result, problems);
        return problems;
    }

    private static readonly PainCondition[] NonChronicOrCancer = [PainCondition.RefractoryCancerPain, PainCondition.PostoperativePain, PainCondition.AcutePain];

    private static readonly Route[] HomeRoutes = [Route.Intranasal, Route.Oral];

    private static bool Is(bool has, bool value) => has && value;

    private static bool HasChronicCondition(PatientFacts patient) =>
        patient.PainConditions is { } list && list.Conditions.Any(c => c is not (PainCondition.PostoperativePain or PainCondition.AcutePain));

    private static void CheckRisksIndependentOfEligibility(PatientFacts patient, EvaluationResult result, List<string> problems)
    {
        // Defect 1: a risk follows from the facts, never from the eligibility status.
        void Require(bool present, string code)
        {
            if (present && !result.RiskModifiers.Any(r => r.Code == code))
            {
                problems.Add($"{code} missing while eligibility is {result.Eligibility?.Status}");
            }
        }

        var history = patient.History;
        if (history is not null)
        {
            Require(Is(history.HasBladderProblems, history.BladderProblems), "risk.bladder");
            Require(Is(history.HasLiverDysfunction, history.LiverDysfunction), "risk.liver");
            Require(Is(history.HasCognitiveImpairment, history.CognitiveImpairment), "risk.cognitive");
            Require(Is(history.HasAlcoholUseDisorder, history.AlcoholUseDisorder) || Is(history.HasDrugUseDisorder, history.DrugUseDisorder), "risk.substance-use");
        }

        if (HasChronicCondition(patient) && !result.Alerts.Any(a => a.Code == "alert.abuse-potential"))
        {
            problems.Add($"alert.abuse-potential missing for a chronic-pain patient whose eligibility is {result.Eligibility?.Status}");
        }
    }

    private static void CheckCancerOnly(PatientFacts patient, EvaluationResult result, List<string> problems)
    {
        // Defect 2: for cancer pain the sources support only intrathecal ketamine alongside opioids.
        if (patient.PainConditions is not { } list || list.Conditions.Any(c => !NonChronicOrCancer.Contains(c)))
        {
            return;
        }

        var other = result.Routes.Where(r => r.Route != Route.Intrathecal).Select(r => r.Code).ToList();
        if (other.Count > 0)
        {
            problems.Add($"routes other than intrathecal recommended for cancer-only pain: {string.Join(", ", other)}");
        }
    }

    private static void CheckEarlierResponse(PatientFacts patient, EvaluationResult result, List<string> problems)
    {
        // Defect 3: earlier non-response or a diminishing effect sends every care goal to review.
        if (patient.PriorKetamine is not { } history)
        {
            return;
        }

        var poor = Is(history.HasRespondedWell, !history.RespondedWell);
        var waning = Is(history.HasDiminishingEffect, history.DiminishingEffect);
        if ((poor || waning) && (result.Routes.Count > 0 || result.Eligibility?.Status == EligibilityStatus.Eligible))
        {
            problems.Add($"a {(poor ? "documented non-responder" : "patient with a diminishing effect")} gets {result.Eligibility?.Status} and routes without review: {string.Join(", ", result.Routes.Select(r => r.Code))}");
        }
    }

    private static void CheckCourseWithinCap(PatientFacts patient, EvaluationResult result, List<string> problems)
    {
        // Defect 6: nothing is recommended past the top of the yearly cap, counting the proposed course's own sessions.
        var counted = result.Routes.Where(r => r.HasCourseSessionsMin).ToList();
        if (counted.Count == 0)
        {
            return;
        }

        int? used = patient.PriorKetamine switch
        {
            { HasSessionsLast12Months: true } h => h.SessionsLast12Months,
            { HasReceivedBefore: true, ReceivedBefore: false } => 0,
            _ => null,
        };
        if (used is null)
        {
            problems.Add($"session-counted routes recommended while the sessions used are unknown: {string.Join(", ", counted.Select(r => r.Code))}");
            return;
        }

        foreach (var route in counted.Where(r => used + r.CourseSessionsMin > 12))
        {
            problems.Add($"{route.Code} needs at least {route.CourseSessionsMin} sessions but {used} of the 12-session cap are used");
        }

        var cap = result.Maintenance?.YearlyCap;
        if (cap is null || !cap.HasRemainingAtMax || cap.RemainingAtMax != Math.Max(0, 12 - used.Value))
        {
            problems.Add("routes are counted against the cap but the cap does not say how many sessions it leaves");
        }
    }

    private static void CheckFirstRoute(PatientFacts patient, EvaluationResult result, List<string> problems)
    {
        // Defects 5 and 7: nasal or oral ketamine only after earlier ketamine, and never on top of ketamine taken now.
        var home = result.Routes.Where(r => HomeRoutes.Contains(r.Route)).Select(r => r.Code).ToList();
        var treatedBefore = patient.PriorKetamine is { HasReceivedBefore: true, ReceivedBefore: true };
        if (home.Count > 0 && !treatedBefore)
        {
            problems.Add($"intranasal or oral ketamine offered without earlier ketamine: {string.Join(", ", home)}");
        }

        var onKetamine = patient.CurrentMedications?.Classes.Any(c => c is MedicationClass.Ketamine or MedicationClass.Esketamine) ?? false;
        var stacked = result.Routes.Where(r => r.Route is Route.Intranasal or Route.Oral or Route.Intramuscular).Select(r => r.Code).ToList();
        if (onKetamine && stacked.Count > 0)
        {
            problems.Add($"ketamine routes stacked on ketamine or esketamine taken now: {string.Join(", ", stacked)}");
        }
    }

    private static void CheckMissingFacts(PatientFacts patient, EvaluationResult result, List<string> problems)
    {
        // No result without the missing facts that would change it.
        var missing = result.MissingData.Select(m => m.Field).ToHashSet(StringComparer.Ordinal);
        if (result.Eligibility?.Reasons.Any(r => r.Code == UndecidedReason) == true && missing.Count == 0)
        {
            problems.Add("eligibility is undecided but no missing data says why");
        }

        if (!patient.HasClinicianJudgesSevere && result.Eligibility?.Status == EligibilityStatus.Eligible)
        {
            problems.Add("eligible without the clinician's severity judgement");
        }

        if (!patient.HasClinicianJudgesSevere && result.Eligibility?.Reasons.Any(r => r.Code == UndecidedReason) == true
            && result.MissingData.Any(m => m.Affects.Contains("eligibility.eligible")) && !missing.Contains("patient.clinician_judges_severe"))
        {
            problems.Add("the severity judgement would decide eligibility but is not reported missing");
        }

        if (patient.PriorKetamine is { HasReceivedBefore: true, ReceivedBefore: true, HasRespondedWell: false } && HasChronicCondition(patient)
            && !missing.Contains("patient.prior_ketamine.responded_well"))
        {
            problems.Add("earlier ketamine is recorded but the unknown earlier response is not reported missing");
        }

        if (result.Routes.Any(r => r.Protocol == RouteProtocol.PeriodicBooster) && patient.PriorKetamine is not { HasDaysSinceLastSession: true }
            && !missing.Contains("patient.prior_ketamine.days_since_last_session"))
        {
            problems.Add("a booster is recommended but the unknown days since the last session are not reported missing");
        }
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

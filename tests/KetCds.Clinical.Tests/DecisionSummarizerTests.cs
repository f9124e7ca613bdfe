using KetCds.Contracts.V1;

namespace KetCds.Clinical.Tests;

public sealed class DecisionSummarizerTests
{
    private static EvaluationResult Result()
    {
        var result = new EvaluationResult
        {
            Eligibility = new Eligibility { Status = EligibilityStatus.Eligible, Reasons = { new Statement { Code = "eligibility.b" }, new Statement { Code = "eligibility.a" } } },
            Maintenance = new MaintenanceGuidance { YearlyCap = new SessionCap { MinSessions = 6, MaxSessions = 12, SessionsUsed = 3, Reached = false } },
        };
        var route = new RouteRecommendation { Code = "route.z", Route = Route.Oral, Protocol = RouteProtocol.AsNeeded, Text = "ignored" };
        route.ExpectedRelief.Add(new ReliefEstimate { ClaimId = "wellnee.x", SourceId = "002", Text = "ignored", Range = new ReliefRange { Kind = ReliefRangeKind.OnlyWhileAdministered } });
        route.ExpectedRelief.Add(new ReliefEstimate { ClaimId = "allied.x", SourceId = "003", Range = new ReliefRange { Kind = ReliefRangeKind.OnlyWhileAdministered } });
        result.Routes.Add(route);
        result.Routes.Add(new RouteRecommendation { Code = "route.a", Route = Route.Iv });
        result.RiskModifiers.Add(new RiskModifier { Code = "risk.x", Severity = Severity.High, Adjustments = { Adjustment.ShorterDuration, Adjustment.Screening } });
        result.Findings.Add(new Statement { Code = "f.b" });
        result.Findings.Add(new Statement { Code = "f.a" });
        result.Findings.Add(new Statement { Code = "f.a" });
        result.MissingData.Add(new MissingData { Field = "patient.care_goal" });
        return result;
    }

    [Fact]
    public void Summarize_Result_SortsCodesRoutesAndRelief()
    {
        var summary = DecisionSummarizer.Summarize(Result());

        Assert.Equal(["eligibility.a", "eligibility.b"], summary.EligibilityReasonCodes);
        Assert.Equal(["route.a", "route.z"], summary.Routes.Select(r => r.Code));
        Assert.Equal(["allied.x", "wellnee.x"], summary.Routes[1].Relief.Select(r => r.ClaimId));
        Assert.Equal([Adjustment.Screening, Adjustment.ShorterDuration], summary.Risks[0].Adjustments);
        Assert.Equal(["patient.care_goal"], summary.MissingFields);
    }

    [Fact]
    public void Summarize_DuplicateCodes_AppearOnce()
    {
        Assert.Equal(["f.a", "f.b"], DecisionSummarizer.Summarize(Result()).FindingCodes);
    }

    [Fact]
    public void Summarize_YearlyCap_IsCopiedNotShared()
    {
        var result = Result();

        var summary = DecisionSummarizer.Summarize(result);
        result.Maintenance.YearlyCap.SessionsUsed = 9;

        Assert.Equal(3, summary.YearlyCap.SessionsUsed);
    }

    [Fact]
    public void Summarize_NoEligibility_IsUnspecifiedAndEmpty()
    {
        var summary = DecisionSummarizer.Summarize(new EvaluationResult());

        Assert.Equal(EligibilityStatus.Unspecified, summary.Eligibility);
        Assert.Empty(summary.Routes);
        Assert.Null(summary.YearlyCap);
    }

    [Fact]
    public void Summarize_ShippedEvaluation_KeepsOnlyCheckableParts()
    {
        var result = ShippedRuleSet.Evaluator.Evaluate(TestPatients.CompleteCrps()).Result!;

        var summary = DecisionSummarizer.Summarize(result);

        Assert.Equal(result.Routes.Count, summary.Routes.Count);
        Assert.Equal(result.Findings.Select(f => f.Code).Distinct().Count(), summary.FindingCodes.Count);
        Assert.DoesNotContain("\"text\"", summary.ToString(), StringComparison.Ordinal);
    }
}

using KetCds.Contracts.V1;

namespace KetCds.Clinical.Tests;

public sealed class ClinicalEvaluatorTests
{
    private static readonly ClinicalEvaluator Evaluator = ShippedRuleSet.Evaluator;

    [Fact]
    public void Evaluate_HistoryNotRecorded_ReportsItMissingRatherThanAssumingNo()
    {
        var patient = TestPatients.CompleteCrps();
        patient.History = null;

        var result = Evaluator.Evaluate(patient).Result!;

        Assert.Contains(result.MissingData, m => m.Field == "patient.history.alcohol_use_disorder");
        Assert.Contains(result.MissingData, m => m.Field == "patient.history.bladder_problems");
        Assert.DoesNotContain(result.RiskModifiers, r => r.Code == "risk.substance-use");
    }

    [Fact]
    public void Evaluate_HistoryRecordedFalse_IsNeitherMissingNorARisk()
    {
        var result = Evaluator.Evaluate(TestPatients.CompleteCrps()).Result!;

        Assert.DoesNotContain(result.MissingData, m => m.Field.StartsWith("patient.history.", StringComparison.Ordinal));
        Assert.Empty(result.RiskModifiers);
    }

    [Fact]
    public void Evaluate_HistoryRecordedTrue_GivesTheRisk()
    {
        var patient = TestPatients.CompleteCrps();
        patient.History.DrugUseDisorder = true;

        var result = Evaluator.Evaluate(patient).Result!;

        Assert.Contains(result.RiskModifiers, r => r.Code == "risk.substance-use");
    }

    [Fact]
    public void Evaluate_NeverTreated_ImpliesZeroSessionsAndOffersInfusions()
    {
        var result = Evaluator.Evaluate(TestPatients.CompleteCrps()).Result!;

        Assert.Equal(0, result.Maintenance.YearlyCap.SessionsUsed);
        Assert.False(result.Maintenance.YearlyCap.Reached);
        Assert.Contains(result.Routes, r => r.Route == Route.Iv);
        Assert.DoesNotContain(result.MissingData, m => m.Field.StartsWith("patient.prior_ketamine", StringComparison.Ordinal));
    }

    [Fact]
    public void Evaluate_PriorKetamineNotRecorded_OffersNoInfusionAndAsks()
    {
        var patient = TestPatients.CompleteCrps();
        patient.PriorKetamine = null;

        var result = Evaluator.Evaluate(patient).Result!;

        Assert.DoesNotContain(result.Routes, r => r.Route == Route.Iv);
        Assert.Contains(result.MissingData, m => m.Field == "patient.prior_ketamine.received_before");
        Assert.False(result.Maintenance.YearlyCap.HasSessionsUsed);
    }

    [Fact]
    public void Evaluate_Response_CarriesTheRuleSetIdentity()
    {
        var evaluation = Evaluator.Evaluate(TestPatients.CompleteCrps());

        Assert.Equal(RuleSetContracts.Identity(Evaluator.RuleSet), evaluation.RuleSet);
        Assert.Equal(Evaluator.Identity, evaluation.RuleSet);
        Assert.Equal("ketcds-ketamine-pain", evaluation.RuleSet.Name);
        Assert.Equal(64, evaluation.RuleSet.ContentSha256.Length);
    }

    [Fact]
    public void Evaluate_InvalidRequest_ReturnsViolationsAndNoResult()
    {
        var evaluation = Evaluator.Evaluate(new EvaluateRequest());

        Assert.False(evaluation.IsValid);
        Assert.Null(evaluation.Result);
        Assert.Null(evaluation.Engine);
        Assert.Equal("patient", Assert.Single(evaluation.Violations).Field);
    }

    [Fact]
    public void Evaluate_ReliefEstimates_AreAttributedToTheirSourceDocument()
    {
        var result = Evaluator.Evaluate(TestPatients.CompleteCrps()).Result!;
        var catalog = Evaluator.RuleSet.Catalog;

        var estimates = result.Routes.SelectMany(r => r.ExpectedRelief).ToList();

        Assert.NotEmpty(estimates);
        Assert.All(estimates, e => Assert.Equal(catalog.FindClaim(e.ClaimId)!.DocumentId, e.SourceId));
    }
}

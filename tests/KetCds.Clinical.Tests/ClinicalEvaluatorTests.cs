using FsCheck;
using FsCheck.Fluent;
using KetCds.Clinical.Regression;
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

    [Fact]
    public void Evaluate_ReliefEstimates_CarryTheirSourcesKindAndQuality()
    {
        var result = Evaluator.Evaluate(TestPatients.CompleteCrps()).Result!;
        var catalog = Evaluator.RuleSet.Catalog;

        var estimates = result.Routes.SelectMany(r => r.ExpectedRelief).ToList();

        Assert.All(estimates, e => Assert.Equal(catalog.FindDocument(e.SourceId)!.Quality, e.SourceQuality));
        Assert.Contains(estimates, e => e.SourceKind == SourceKind.ReviewArticle);
        Assert.Contains(estimates, e => e.SourceKind == SourceKind.ProductPromotion && e.ClaimId.StartsWith("wellnee.", StringComparison.Ordinal));
        Assert.DoesNotContain(estimates, e => e.SourceKind == SourceKind.Unspecified);
    }

    [Fact]
    public void Evaluate_Citations_CarrySourceKindAndQualityOnlyInFull()
    {
        var standard = Evaluator.Evaluate(TestPatients.CompleteCrps()).Result!;
        var full = Evaluator.Evaluate(TestPatients.CompleteCrps(), ResultDetail.Full).Result!;

        var standardCitations = standard.Findings.SelectMany(f => f.Justification.Citations).ToList();
        var fullCitations = full.Findings.SelectMany(f => f.Justification.Citations).ToList();

        Assert.All(standardCitations, c => Assert.NotEqual(SourceKind.Unspecified, c.SourceKind));
        Assert.All(standardCitations, c => Assert.Empty(c.SourceQuality));
        Assert.All(fullCitations, c => Assert.Equal(Evaluator.RuleSet.Catalog.FindDocument(c.SourceId)!.Quality, c.SourceQuality));
        Assert.Contains(fullCitations, c => c.SourceKind == SourceKind.ClinicArticle);
    }

    [Fact]
    public void Evaluate_SessionsUsed_ReportsWhatTheCapLeavesAndWhetherEachCourseFits()
    {
        var patient = TestPatients.CompleteCrps();
        patient.PriorKetamine = new KetamineHistory { ReceivedBefore = true, SessionsLast12Months = 3, RespondedWell = true, DiminishingEffect = false };

        var result = Evaluator.Evaluate(patient).Result!;

        var cap = result.Maintenance.YearlyCap;
        Assert.Equal(3, cap.RemainingAtMin);
        Assert.Equal(9, cap.RemainingAtMax);
        var single = Assert.Single(result.Routes, r => r.Protocol == RouteProtocol.SingleInfusion);
        Assert.True(single.FitsLowestCap);
        var multiDay = Assert.Single(result.Routes, r => r.Protocol == RouteProtocol.MultiDayContinuous);
        Assert.Equal(4, multiDay.CourseSessionsMin);
        Assert.Equal(14, multiDay.CourseSessionsMax);
        Assert.False(multiDay.FitsLowestCap);
    }

    [Fact]
    public void Evaluate_SeverityRecorded_EchoesJudgementBesideNrs()
    {
        var patient = TestPatients.CompleteCrps();
        patient.PainSeverityNrs = 3;

        var result = Evaluator.Evaluate(patient).Result!;

        Assert.Equal(EligibilityStatus.Eligible, result.Eligibility.Status);
        Assert.True(result.Eligibility.Severity.ClinicianJudgesSevere);
        Assert.Equal(3, result.Eligibility.Severity.PainSeverityNrs);
        Assert.Contains(result.Findings, f => f.Code == "evidence.outside.pain-severity");
    }

    [Fact]
    public void Evaluate_AgeOutOfRange_IsRejectedNamingTheField()
    {
        var patient = TestPatients.CompleteCrps();
        patient.AgeYears = 131;

        var evaluation = Evaluator.Evaluate(patient);

        Assert.Equal("patient.age_years", Assert.Single(evaluation.Violations).Field);
    }

    [Fact]
    public void Evaluate_BoosterWithTiming_EchoesDaysBesideTheGuidance()
    {
        var patient = TestPatients.CompleteCrps();
        patient.CareGoal = CareGoal.Maintenance;
        patient.PriorKetamine = new KetamineHistory
        {
            ReceivedBefore = true, SessionsLast12Months = 4, DaysSinceLastSession = 33, ReliefDurationDays = 30, RespondedWell = true, DiminishingEffect = false,
        };

        var result = Evaluator.Evaluate(patient).Result!;

        Assert.Equal(33, result.Maintenance.DaysSinceLastSession);
        Assert.Equal(30, result.Maintenance.LastReliefDays);
        Assert.Contains(result.Maintenance.Items, i => i.Code == "maintenance.booster-timing.due");
        Assert.Contains(result.Maintenance.Items, i => i.Code == "maintenance.relief-guides-timing");
    }

    [Fact]
    public void Evaluate_StandardFastPath_AllocatesOnlyItsAnswer()
    {
        // A STANDARD call may allocate its answer's own objects and nothing else: no builder, enumerator, growth array or
        // scratch. Each patient is evaluated a few times before it is counted, so the per-version caches hold its entries
        // (a missing-data table fills its slot on a later sighting than the dictionary behind it), as they do in service.
        var footprint = new AnswerFootprint(Evaluator);
        var counted = 0;
        foreach (var patient in AllocationPatients())
        {
            var request = new EvaluateRequest { RequestId = "allocation", Patient = patient };
            if (!Evaluator.Evaluate(request).IsValid)
            {
                continue;
            }

            Evaluator.Evaluate(request);
            Evaluator.Evaluate(request);

            // The least of three calls: a one-off refill (a shared array pool trimmed by a collection another test caused)
            // is not the call's, while anything the call itself wastes shows in every call.
            var call = long.MaxValue;
            ClinicalEvaluation? answer = null;
            for (var i = 0; i < 3; i++)
            {
                var before = GC.GetAllocatedBytesForCurrentThread();
                answer = Evaluator.Evaluate(request);
                call = Math.Min(call, GC.GetAllocatedBytesForCurrentThread() - before);
            }

            var own = footprint.Count(answer!, Evaluator.Evaluate(request), patient);
            Assert.True(call == own, $"a STANDARD call allocated {call} B; its answer's own {footprint.Objects} objects take {own} B ({footprint.Described})\npatient: {patient}");
            counted++;
        }

        Assert.True(counted >= 350, $"only {counted} patients counted");
    }

    [Fact]
    public void Count_AnswerWithAnExtraStatement_CountsIt()
    {
        // The count must be able to tell: a statement made for one answer only, and its text, are the answer's own.
        var footprint = new AnswerFootprint(Evaluator);
        var patient = TestPatients.CompleteCrps();
        var answer = Evaluator.Evaluate(patient);
        var twin = Evaluator.Evaluate(patient);
        var own = footprint.Count(answer, twin, patient);
        Assert.True(own > 0);

        answer.Result!.Findings.Add(new Statement { Code = new string('y', 40) });
        twin.Result!.Findings.Add(new Statement { Code = new string('y', 40) });
        Assert.True(footprint.Count(answer, twin, patient) > own);
    }

    // The regression cases and generated patients (seeded), as the benchmark's round-robin uses.
    private static IEnumerable<PatientFacts> AllocationPatients()
    {
        var (cases, errors) = RegressionCaseFile.LoadDirectory(RepositoryPaths.Cases);
        Assert.True(errors.IsEmpty, string.Join("\n", errors));
        foreach (var regression in cases)
        {
            if (regression.Case.Request?.Patient is { } patient)
            {
                yield return patient;
            }
        }

        foreach (var generated in Gen.Sample(PatientArbitraries.Valid().Generator, 300, new Rnd(20_261_203), 300))
        {
            yield return generated.Facts;
        }
    }
}

using FsCheck.Xunit;
using Google.Protobuf;
using KetCds.Clinical.Regression;
using KetCds.Contracts.V1;

namespace KetCds.Clinical.Tests;

/// <summary>Property tests: the safety invariants hold for every generated patient, not just the hand-written cases.</summary>
public sealed class SafetyInvariantsTests
{
    private static readonly JsonFormatter Json = new(JsonFormatter.Settings.Default);

    private static readonly ClinicalEvaluator Evaluator = ShippedRuleSet.Evaluator;

    [Property(Arbitrary = [typeof(PatientArbitraries)], MaxTest = 300)]
    public void Evaluate_ValidPatient_SatisfiesEveryInvariant(ValidPatient patient)
    {
        var evaluation = Evaluator.Evaluate(patient.Facts);

        Assert.True(evaluation.IsValid, "the generator made an invalid patient: " + string.Join("; ", evaluation.Violations));
        var problems = SafetyInvariants.Check(patient.Facts, evaluation.Result);
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Property(Arbitrary = [typeof(PatientArbitraries)], MaxTest = 150)]
    public void Evaluate_SamePatientTwiceOrShuffled_GivesByteIdenticalResults(ValidPatient patient, int seed)
    {
        var first = Evaluator.Evaluate(patient.Facts).Result!;
        var again = Evaluator.Evaluate(patient.Facts.Clone()).Result!;
        var shuffled = Evaluator.Evaluate(Shuffled(patient.Facts, new Random(seed))).Result!;

        Assert.Equal(first.ToByteArray(), again.ToByteArray());
        Assert.Equal(first.ToByteArray(), shuffled.ToByteArray());
        Assert.Equal(Json.Format(first), Json.Format(shuffled));
    }

    [Property(Arbitrary = [typeof(PatientArbitraries)], MaxTest = 500)]
    public void Evaluate_AnyPatient_NeverThrowsAndAnswersOneWay(AnyPatient patient)
    {
        var evaluation = Evaluator.Evaluate(new EvaluateRequest { Patient = patient.Facts });

        Assert.True(evaluation.IsValid != !evaluation.Violations.IsEmpty, "exactly one of a result and violations must be returned");
        Assert.All(evaluation.Violations, v => Assert.False(string.IsNullOrWhiteSpace(v.Field) || string.IsNullOrWhiteSpace(v.Description)));
        if (evaluation.IsValid)
        {
            Assert.Empty(SafetyInvariants.Check(patient.Facts, evaluation.Result));
        }
    }

    [Fact]
    public void Check_EveryRegressionCase_SatisfiesEveryInvariant()
    {
        var (cases, errors) = RegressionCaseFile.LoadDirectory(RepositoryPaths.Cases);
        Assert.True(errors.IsEmpty, string.Join("\n", errors));
        var problems = new List<string>();
        var evaluated = 0;
        foreach (var (file, regressionCase) in cases)
        {
            var evaluation = Evaluator.Evaluate(regressionCase.Request);
            if (!evaluation.IsValid)
            {
                continue;
            }

            evaluated++;
            problems.AddRange(SafetyInvariants.Check(regressionCase.Request.Patient, evaluation.Result).Select(p => $"{regressionCase.Id}: {p}"));
        }

        Assert.True(evaluated >= 50, $"only {evaluated} valid cases were checked");
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void Check_UncitedRouteAndCapBreach_AreReported()
    {
        // The checker must be able to fail: an IV route without citations, above the cap, for a patient who misuses alcohol.
        var patient = new PatientFacts
        {
            History = new MedicalHistory { AlcoholUseDisorder = true },
            PriorKetamine = new KetamineHistory { ReceivedBefore = true, SessionsLast12Months = 12 },
        };
        var result = new EvaluationResult { Eligibility = new Eligibility { Status = EligibilityStatus.NeedsReview } };
        result.Routes.Add(new RouteRecommendation { Code = "route.iv.booster", Route = Route.Iv, Protocol = RouteProtocol.PeriodicBooster, Justification = new Justification() });

        var problems = SafetyInvariants.Check(patient, result);

        Assert.Contains(problems, p => p.Contains("without a citation", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("while eligibility is", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("yearly cap", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("substance-use modifier", StringComparison.Ordinal));
    }

    [Fact]
    public void Check_EachIssue9Defect_IsReported()
    {
        // Every new invariant must be able to fail: a result that repeats defects 1 to 7 of issue 9.
        var patient = new PatientFacts
        {
            PainConditions = new PainConditionList { Conditions = { PainCondition.RefractoryCancerPain } },
            History = new MedicalHistory { BladderProblems = true, LiverDysfunction = true, CognitiveImpairment = true },
            CurrentMedications = new MedicationList { Classes = { MedicationClass.Esketamine } },
            PriorKetamine = new KetamineHistory { ReceivedBefore = true, SessionsLast12Months = 9, RespondedWell = false },
        };
        var citation = new Justification { Citations = { new Citation { ClaimId = "c", SourceId = "s" } } };
        var result = new EvaluationResult
        {
            Eligibility = new Eligibility { Status = EligibilityStatus.Eligible, Reasons = { new Statement { Code = "eligibility.x", Justification = citation } } },
            Maintenance = new MaintenanceGuidance(),
        };
        result.Routes.Add(new RouteRecommendation { Code = "route.iv.multi-day-continuous", Route = Route.Iv, Protocol = RouteProtocol.MultiDayContinuous, CourseSessionsMin = 4, Justification = citation });
        result.Routes.Add(new RouteRecommendation { Code = "route.iv.booster", Route = Route.Iv, Protocol = RouteProtocol.PeriodicBooster, CourseSessionsMin = 1, Justification = citation });
        result.Routes.Add(new RouteRecommendation { Code = "route.intranasal.between-infusions", Route = Route.Intranasal, Protocol = RouteProtocol.AsNeeded, Justification = citation });

        var problems = SafetyInvariants.Check(patient, result);

        string[] expected =
        [
            "risk.bladder missing", "risk.liver missing", "risk.cognitive missing", "alert.abuse-potential missing",
            "for cancer-only pain", "documented non-responder", "needs at least 4 sessions", "does not say how many sessions",
            "stacked on ketamine", "eligible without the clinician's severity judgement", "days since the last session",
        ];
        foreach (var text in expected)
        {
            Assert.Contains(problems, p => p.Contains(text, StringComparison.Ordinal));
        }

        patient.PriorKetamine = new KetamineHistory { ReceivedBefore = false };
        Assert.Contains(SafetyInvariants.Check(patient, result), p => p.Contains("without earlier ketamine", StringComparison.Ordinal));
        patient.PriorKetamine = new KetamineHistory { ReceivedBefore = true };
        Assert.Contains(SafetyInvariants.Check(patient, result), p => p.Contains("sessions used are unknown", StringComparison.Ordinal));
    }

    private static PatientFacts Shuffled(PatientFacts facts, Random random)
    {
        var copy = facts.Clone();
        Shuffle(copy.PainConditions?.Conditions, random);
        Shuffle(copy.TreatmentsTried?.Trials, random);
        Shuffle(copy.CurrentMedications?.Classes, random);
        Shuffle(copy.AdjunctTherapies?.Therapies, random);
        Shuffle(copy.PriorKetamine?.RoutesUsed?.Routes, random);
        return copy;
    }

    private static void Shuffle<T>(Google.Protobuf.Collections.RepeatedField<T>? list, Random random)
    {
        if (list is null)
        {
            return;
        }

        var items = list.ToArray();
        random.Shuffle(items);
        list.Clear();
        list.AddRange(items);
    }
}

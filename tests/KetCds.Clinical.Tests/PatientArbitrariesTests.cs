using FsCheck;
using FsCheck.Fluent;
using KetCds.Contracts.V1;

namespace KetCds.Clinical.Tests;

/// <summary>Guards the generators, so the safety properties are never vacuously true over patients that never get a route.</summary>
public sealed class PatientArbitrariesTests
{
    private static List<EvaluationResult?> Evaluate<T>(Arbitrary<T> arbitrary, Func<T, PatientFacts?> facts) =>
        [.. Sample(arbitrary, facts).Select(p => p.Result)];

    private static List<(PatientFacts? Patient, EvaluationResult? Result)> Sample<T>(Arbitrary<T> arbitrary, Func<T, PatientFacts?> facts)
    {
        var evaluator = ShippedRuleSet.Evaluator;
        return [.. Gen.Sample(arbitrary.Generator, 300, new Rnd(20_240_601), 100).Select(facts).Select(p => (p, evaluator.Evaluate(new EvaluateRequest { Patient = p }).Result))];
    }

    [Fact]
    public void Valid_Sample_ExercisesEveryIssue9SafetyProperty()
    {
        // A property whose triggering patient never comes up is vacuous: each must be exercised by the same sample the properties draw from.
        var sample = Sample(PatientArbitraries.Valid(), p => p.Facts).Select(x => (Patient: x.Patient!, Result: x.Result!)).ToList();

        static bool Flag(bool has, bool value) => has && value;
        void Exercised(string property, Func<PatientFacts, EvaluationResult, bool> trigger, int atLeast = 3)
        {
            var count = sample.Count(x => trigger(x.Patient, x.Result));
            Assert.True(count >= atLeast, $"the generator exercises '{property}' in only {count} of {sample.Count} patients");
        }

        Exercised("risks independent of eligibility", (p, r) => r.Eligibility.Status != EligibilityStatus.Eligible && p.History is { } h
            && (Flag(h.HasBladderProblems, h.BladderProblems) || Flag(h.HasLiverDysfunction, h.LiverDysfunction) || Flag(h.HasCognitiveImpairment, h.CognitiveImpairment)));
        Exercised("no IV for cancer-only pain", (p, r) => r.Eligibility.Status == EligibilityStatus.Eligible
            && p.PainConditions is { } c && c.Conditions.All(x => x is PainCondition.RefractoryCancerPain or PainCondition.AcutePain or PainCondition.PostoperativePain)
            && c.Conditions.Contains(PainCondition.RefractoryCancerPain));
        Exercised("no new course for a documented non-responder", (p, _) => p.PriorKetamine is { HasRespondedWell: true, RespondedWell: false }
            && p.ClinicianJudgesSevere && p.TreatmentsTried is { Trials.Count: > 0 } && p.HasCareGoal);
        Exercised("nothing past the yearly cap", (p, r) => r.Eligibility.Status == EligibilityStatus.Eligible
            && p.PriorKetamine is { HasSessionsLast12Months: true, SessionsLast12Months: >= 9 and <= 12 } && p.HasCareGoal);
        Exercised("no nasal or oral ketamine first", (p, r) => r.Eligibility.Status == EligibilityStatus.Eligible
            && p.CareGoal is CareGoal.BreakthroughPain or CareGoal.Maintenance && p.PriorKetamine is not { HasReceivedBefore: true, ReceivedBefore: true });
        Exercised("no result without the missing facts", (p, r) => !p.HasClinicianJudgesSevere && r.MissingData.Any(m => m.Field == "patient.clinician_judges_severe"));
        Exercised("a course counted against the cap", (_, r) => r.Routes.Any(x => x.HasFitsLowestCap && !x.FitsLowestCap));
        Exercised("home routes after earlier ketamine", (_, r) => r.Routes.Any(x => x.Route == Route.Intranasal), atLeast: 1);
        Exercised("intrathecal alongside opioids", (_, r) => r.Routes.Any(x => x.Route == Route.Intrathecal), atLeast: 1);
    }

    [Fact]
    public void Valid_Sample_CoversEveryEligibilityAndRiskyRoutes()
    {
        var results = Evaluate(PatientArbitraries.Valid(), p => p.Facts);

        Assert.All(results, r => Assert.NotNull(r));
        var statuses = results.Select(r => r!.Eligibility.Status).ToHashSet();
        Assert.Contains(EligibilityStatus.Eligible, statuses);
        Assert.Contains(EligibilityStatus.NotEligible, statuses);
        Assert.Contains(EligibilityStatus.NeedsReview, statuses);
        var withRoutes = results.Count(r => r!.Routes.Count > 0);
        Assert.True(withRoutes >= results.Count / 20, $"only {withRoutes} of {results.Count} generated patients get any route");
        Assert.Contains(results, r => r!.Routes.Any(x => x.Route == Route.Iv));
        Assert.Contains(results, r => r!.Routes.Count > 0 && r.RiskModifiers.Any(m => m.Code == "risk.substance-use"));
        Assert.Contains(results, r => r!.Alerts.Any(a => a.Code == "alert.yearly-cap-reached") && r.Routes.Count > 0);
    }

    [Fact]
    public void Any_Sample_HasBothValidAndInvalidPatients()
    {
        var results = Evaluate(PatientArbitraries.Any(), p => p.Facts);

        Assert.Contains(results, r => r is null);
        Assert.Contains(results, r => r is not null);
    }
}

using FsCheck;
using FsCheck.Fluent;
using KetCds.Contracts.V1;

namespace KetCds.Clinical.Tests;

/// <summary>Guards the generators, so the safety properties are never vacuously true over patients that never get a route.</summary>
public sealed class PatientArbitrariesTests
{
    private static List<EvaluationResult?> Evaluate<T>(Arbitrary<T> arbitrary, Func<T, PatientFacts?> facts)
    {
        var evaluator = ShippedRuleSet.Evaluator;
        return [.. Gen.Sample(arbitrary.Generator, 30, new Rnd(20_240_601), 600).Select(p => evaluator.Evaluate(new EvaluateRequest { Patient = facts(p) }).Result)];
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

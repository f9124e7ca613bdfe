using Google.Protobuf;
using KetCds.Clinical.Regression;
using Xunit.Abstractions;

namespace KetCds.Engine.NRules.Tests;

/// <summary>Every regression case under tests/cases gives the same answer on NRules as on the KetCds engine.</summary>
public sealed class RegressionCasesDifferentialTests(ITestOutputHelper output)
{
    [Fact]
    public void Evaluate_EveryRegressionCase_BothEnginesAgree()
    {
        var (cases, errors) = RegressionCaseFile.LoadDirectory(RepositoryPaths.Cases);
        Assert.True(errors.IsEmpty, string.Join("\n", errors));
        Assert.True(cases.Length >= 100, $"only {cases.Length} cases found");

        var compared = 0;
        foreach (var (file, regressionCase) in cases)
        {
            var ketcds = ShippedEngines.KetCds.Evaluate(regressionCase.Request);
            var nrules = ShippedEngines.OnNRules.Evaluate(regressionCase.Request);
            Assert.Equal(ketcds.IsValid, nrules.IsValid);
            if (!ketcds.IsValid)
            {
                continue;
            }

            var difference = Differential.FirstDifference(ShippedEngines.RuleSet.Compiled, ketcds.Engine!, nrules.Engine!);
            Assert.True(difference is null, $"case {regressionCase.Id} ({file}): {difference}\nrequest: {regressionCase.Request}");

            // The whole clinical answer, justifications included, is byte-identical.
            Assert.True(ketcds.Result!.ToByteArray().AsSpan().SequenceEqual(nrules.Result!.ToByteArray()), $"case {regressionCase.Id} ({file}): clinical results differ");
            compared++;
        }

        // 101 cases, of which 22 are requests validation must reject: those must be rejected alike, not compared.
        Assert.True(compared >= 75, $"only {compared} valid cases compared");
        output.WriteLine($"{cases.Length} regression cases, {compared} evaluated on both engines, 0 mismatches");
    }
}

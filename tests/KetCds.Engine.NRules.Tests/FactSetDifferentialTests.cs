using FsCheck.Xunit;

namespace KetCds.Engine.NRules.Tests;

/// <summary>FsCheck fact sets fed straight to both engines on the shipped rule set, bypassing the clinical mapping.</summary>
public sealed class FactSetDifferentialTests
{
    [Property(Arbitrary = [typeof(DifferentialArbitraries)], MaxTest = 3000)]
    public void Evaluate_RandomShippedFactSet_BothEnginesAgree(ShippedFactSet factSet)
    {
        var ruleSet = ShippedEngines.RuleSet.Compiled;
        var ketcds = ruleSet.Evaluate(factSet.Facts);
        var nrules = ruleSet.Evaluate(factSet.Facts, ShippedEngines.NRules);

        var difference = Differential.FirstDifference(ruleSet, ketcds, nrules);
        Assert.True(difference is null, $"{difference}\ncase {factSet}");
    }
}

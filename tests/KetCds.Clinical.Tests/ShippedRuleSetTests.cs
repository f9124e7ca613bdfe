namespace KetCds.Clinical.Tests;

public sealed class ShippedRuleSetTests
{
    [Fact]
    public void Load_ShippedRules_HasNoErrorsOrWarnings()
    {
        var load = ShippedRuleSet.Load;

        Assert.True(load.Errors.IsEmpty, string.Join("\n", load.Errors));
        Assert.True(load.Warnings.IsEmpty, string.Join("\n", load.Warnings));
    }
}

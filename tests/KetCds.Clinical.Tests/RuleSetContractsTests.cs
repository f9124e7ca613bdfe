using KetCds.Rules;

namespace KetCds.Clinical.Tests;

public class RuleSetContractsTests
{
    [Fact]
    public void Label_ContractIdentityOfTheShippedRules_IsThePublishedIdentitysText()
    {
        var loaded = ShippedRuleSet.Load.RuleSet!;

        var label = RuleSetContracts.Label(RuleSetContracts.Identity(loaded));

        Assert.Equal(loaded.Identity.ToString(), label);
        Assert.Equal($"{loaded.Manifest.Name}@{loaded.Manifest.Version}+{loaded.Identity.ContentSha256[..12]}", label);
        Assert.NotEqual(loaded.Identity.ContentSha256, loaded.Compiled.ModelHash);
    }

    [Fact]
    public void Label_HashShorterThanTheLabelsPrefix_ShownWhole() =>
        Assert.Equal("r@1.0.0+abc", VersionIdentity.Label("r", "1.0.0", "abc"));
}

using KetCds.Server.Internal.RuleSets;
using KetCds.Server.Tests.Infrastructure;

namespace KetCds.Server.Tests.Internal.RuleSets;

public sealed class DirectoryFingerprintTests
{
    [Fact]
    public void Compute_ContentEdit_ChangesTheFingerprint()
    {
        using var rules = TempRules.CopyOfShipped();
        var before = DirectoryFingerprint.Compute(rules.Directory);

        File.AppendAllText(rules.PathOf("routes/intravenous.yaml"), "\n# edited\n");

        Assert.NotNull(before);
        Assert.NotEqual(before, DirectoryFingerprint.Compute(rules.Directory));
    }

    [Fact]
    public void Compute_HiddenFileAdded_KeepsTheFingerprint()
    {
        using var rules = TempRules.CopyOfShipped();
        var before = DirectoryFingerprint.Compute(rules.Directory);

        File.WriteAllText(rules.PathOf(".eligibility.yaml.swp"), "editor state");

        Assert.Equal(before, DirectoryFingerprint.Compute(rules.Directory));
    }

    [Fact]
    public void Compute_MissingDirectory_IsMissing() =>
        Assert.Equal("missing", DirectoryFingerprint.Compute(Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"))));
}

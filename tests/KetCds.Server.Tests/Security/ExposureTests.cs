using KetCds.Server.Internal.Configuration;
using KetCds.Server.Tests.Infrastructure;

namespace KetCds.Server.Tests.Security;

/// <summary>The safe defaults: loopback needs nothing; any other address needs TLS and a scheme, or an explicit --allow-insecure.</summary>
public sealed class ExposureTests
{
    [Theory]
    [InlineData("0.0.0.0")]
    [InlineData("::")]
    public void Build_NonLoopbackWithoutTlsOrAuth_RefusesWithTheWayOut(string host)
    {
        using var rules = TempRules.CopyOfShipped();

        var ex = Assert.Throws<KetCdsConfigurationException>(() => KetCdsServer.Build(["--rules", rules.Directory, "--host", host, "--port", "0"]));

        Assert.Contains("KetCds:Host", ex.Message, StringComparison.Ordinal);
        Assert.Contains("TLS (KetCds:Tls:CertificatePath)", ex.Message, StringComparison.Ordinal);
        Assert.Contains("an authentication scheme", ex.Message, StringComparison.Ordinal);
        Assert.Contains("--allow-insecure", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_NonLoopbackWithTlsButNoScheme_RefusesNamingTheScheme()
    {
        using var rules = TempRules.CopyOfShipped();
        using var pki = TestPki.Create();

        var ex = Assert.Throws<KetCdsConfigurationException>(() => KetCdsServer.Build(
            ["--rules", rules.Directory, "--host", "0.0.0.0", "--port", "0", "--KetCds:Tls:CertificatePath", pki.ServerPfx]));

        Assert.Contains("an authentication scheme", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("no TLS", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--allow-insecure")]
    [InlineData("--KetCds:AllowInsecure=true")]
    public async Task Build_NonLoopbackWithAllowInsecure_Builds(string flag)
    {
        using var rules = TempRules.CopyOfShipped();

        await using var app = KetCdsServer.Build(["--rules", rules.Directory, "--host", "0.0.0.0", "--port", "0", flag]);

        Assert.NotNull(app);
    }

    [Fact]
    public async Task Build_NonLoopbackWithTlsAndClientCertificates_Builds()
    {
        using var rules = TempRules.CopyOfShipped();
        using var pki = TestPki.Create();

        await using var app = KetCdsServer.Build(
        [
            "--rules", rules.Directory, "--host", "0.0.0.0", "--port", "0",
            "--KetCds:Tls:CertificatePath", pki.ServerPfx, "--KetCds:Auth:ClientCertificates:CaFile", pki.CaPem,
        ]);

        Assert.NotNull(app);
    }

    [Fact]
    public void Build_JwtWithoutKeys_NamesTheMissingSetting()
    {
        using var rules = TempRules.CopyOfShipped();

        var ex = Assert.Throws<KetCdsConfigurationException>(() => KetCdsServer.Build(
            ["--rules", rules.Directory, "--port", "0", "--KetCds:Auth:Jwt:Issuer", "https://idp", "--KetCds:Auth:Jwt:Audience", "ketcds"]));

        Assert.Contains("KetCds:Auth:Jwt: give exactly one of JwksFile", ex.Message, StringComparison.Ordinal);
    }
}

using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using KetCds.Client;
using KetCds.Contracts.V1;
using KetCds.Server.Tests.Infrastructure;

namespace KetCds.Server.Tests.Internal.Hosting;

public sealed class TlsListeningTests
{
    [Fact]
    public async Task Start_CertificateConfigured_ServesGrpcOverTlsWithH2()
    {
        using var rules = TempRules.CopyOfShipped();
        using var certificate = CreateSelfSigned();
        var pfx = rules.PathOf(".server.pfx");
        await File.WriteAllBytesAsync(pfx, certificate.Export(X509ContentType.Pfx, "secret"));
        await using var server = await RunningServer.StartAsync(
            rules.Directory, ["--KetCds:Tls:CertificatePath", pfx, "--KetCds:Tls:CertificatePassword", "secret"]);

        Assert.Equal("https", server.Address.Scheme);
        Assert.StartsWith("KetCds listening on https://127.0.0.1:", server.Output.ToString(), StringComparison.Ordinal);
        using var client = new DecisionSupportClient(server.Address, new DecisionSupportClientOptions
        {
            MaxRetries = 0,
            // Trust exactly the certificate the server was given, nothing else.
            ServerCertificateValidation = (_, presented, _, _) => presented is not null && presented.GetCertHashString() == certificate.GetCertHashString(),
        });

        var response = await client.EvaluateAsync(new EvaluateRequest { RequestId = "tls", Patient = Patients.EligibleCrps() });

        Assert.Equal(rules.LoadIdentity(), response.RuleSet);
        Assert.Equal(EligibilityStatus.Eligible, response.Result.Eligibility.Status);
    }

    [Fact]
    public void Build_WrongCertificatePassword_FailsWithTheKeyInTheMessage()
    {
        using var rules = TempRules.CopyOfShipped();
        using var certificate = CreateSelfSigned();
        var pfx = rules.PathOf(".server.pfx");
        File.WriteAllBytes(pfx, certificate.Export(X509ContentType.Pfx, "secret"));

        var ex = Assert.ThrowsAny<Exception>(() => KetCdsServer.Build(
            ["--rules", rules.Directory, "--port", "0", "--KetCds:Tls:CertificatePath", pfx, "--KetCds:Tls:CertificatePassword", "wrong"]));

        Assert.IsType<KetCds.Server.Internal.Configuration.KetCdsConfigurationException>(ex);
        Assert.Contains("KetCds:Tls:CertificatePath", ex.Message, StringComparison.Ordinal);
    }

    private static X509Certificate2 CreateSelfSigned()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        return request.CreateSelfSigned(TimeProvider.System.GetUtcNow().AddDays(-1), TimeProvider.System.GetUtcNow().AddDays(1));
    }
}

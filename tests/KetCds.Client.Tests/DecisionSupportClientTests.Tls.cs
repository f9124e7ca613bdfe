using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Grpc.Core;
using KetCds.Client.Tests.Infrastructure;

namespace KetCds.Client.Tests;

/// <summary>gRPC over TLS (https://, h2 through ALPN) against a real grpc-dotnet server with a throwaway certificate.</summary>
public sealed partial class DecisionSupportClientTests
{
    [Fact]
    public async Task EvaluateAsync_HttpsServer_CallsOverTlsHttp2()
    {
        using var certificate = SelfSignedLoopbackCertificate();
        await using var server = await TestServer.StartAsync(new FakeDecisionSupportService(), certificate);
        Assert.Equal("https", server.Address.Scheme);
        using var client = new DecisionSupportClient(server.Address, TestClients.FastRetries with
        {
            // Trust exactly the test certificate, nothing else.
            ServerCertificateValidation = (_, presented, _, _) => presented is not null
                && presented.GetCertHashString() == certificate.GetCertHashString(),
        });

        var response = await client.EvaluateAsync(TestClients.ValidRequest("over-tls"));

        Assert.Equal("over-tls", response.RequestId);
        Assert.Equal("HTTP/2", Assert.Single(server.Requests).Protocol);
    }

    [Fact]
    public async Task EvaluateAsync_UntrustedCertificate_FailsWithInternalWithoutCallingTheService()
    {
        using var certificate = SelfSignedLoopbackCertificate();
        var service = new FakeDecisionSupportService();
        await using var server = await TestServer.StartAsync(service, certificate);
        using var client = new DecisionSupportClient(server.Address, TestClients.FastRetries with { MaxRetries = 0 });

        var error = await Assert.ThrowsAsync<RpcException>(() => client.EvaluateAsync(TestClients.ValidRequest()));

        // grpc-dotnet reports a failed TLS handshake as INTERNAL (not worth retrying), where the old transport said UNAVAILABLE.
        Assert.Equal(StatusCode.Internal, error.StatusCode);
        Assert.Contains("SSL", error.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(0, service.EvaluateCalls);
    }

    private static X509Certificate2 SelfSignedLoopbackCertificate()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        var now = TimeProvider.System.GetUtcNow();
        using var created = request.CreateSelfSigned(now.AddMinutes(-5), now.AddHours(1));

        // Kestrel on Linux needs a certificate whose private key is exportable, which a PFX round trip gives.
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx), password: null);
    }
}

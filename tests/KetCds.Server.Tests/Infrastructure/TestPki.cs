using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace KetCds.Server.Tests.Infrastructure;

/// <summary>
/// A throwaway PKI made in the test (nothing checked in): a CA, a server certificate for 127.0.0.1 signed by it, a client
/// certificate signed by it, and a client certificate from a second, untrusted CA. Files go to a private temp folder.
/// </summary>
internal sealed class TestPki : IDisposable
{
    private TestPki(string folder) => Folder = folder;

    public string Folder { get; }

    public required X509Certificate2 Ca { get; init; }

    public required X509Certificate2 Server { get; init; }

    public required X509Certificate2 Client { get; init; }

    public required X509Certificate2 UntrustedClient { get; init; }

    /// <summary>The server certificate and key as PKCS#12 (no password), for <c>KetCds:Tls:CertificatePath</c>.</summary>
    public string ServerPfx => Path.Combine(Folder, "server.pfx");

    /// <summary>The CA certificate as PEM, for <c>KetCds:Auth:ClientCertificates:CaFile</c>.</summary>
    public string CaPem => Path.Combine(Folder, "ca.pem");

    public static TestPki Create()
    {
        var folder = Path.Combine(Path.GetTempPath(), "ketcds-server-tests", "pki-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        using var ca = SelfSignedCa("CN=KetCds Test CA");
        using var otherCa = SelfSignedCa("CN=Someone Else's CA");
        var server = Issue(ca, "CN=127.0.0.1", serverAuth: true);
        var pki = new TestPki(folder)
        {
            Ca = X509CertificateLoader.LoadCertificate(ca.Export(X509ContentType.Cert)),
            Server = server,
            Client = Issue(ca, "CN=ehr-integration", serverAuth: false),
            UntrustedClient = Issue(otherCa, "CN=ehr-integration", serverAuth: false),
        };
        File.WriteAllBytes(pki.ServerPfx, server.Export(X509ContentType.Pkcs12));
        File.WriteAllText(pki.CaPem, pki.Ca.ExportCertificatePem());
        return pki;
    }

    public void Dispose()
    {
        Ca.Dispose();
        Server.Dispose();
        Client.Dispose();
        UntrustedClient.Dispose();
        Directory.Delete(Folder, recursive: true);
    }

    private static X509Certificate2 SelfSignedCa(string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(name, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
    }

    private static X509Certificate2 Issue(X509Certificate2 issuer, string name, bool serverAuth)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(name, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [serverAuth ? new Oid("1.3.6.1.5.5.7.3.1") : new Oid("1.3.6.1.5.5.7.3.2")], false));
        if (serverAuth)
        {
            var names = new SubjectAlternativeNameBuilder();
            names.AddIpAddress(IPAddress.Loopback);
            request.CertificateExtensions.Add(names.Build());
        }

        var serial = RandomNumberGenerator.GetBytes(16);
        using var issued = request.Create(issuer, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(10), serial);
        using var withKey = issued.CopyWithPrivateKey(key);
        // Round-trip through PKCS#12 so the key is usable by SslStream on every platform.
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
    }
}

namespace KetCds.Server.Internal.Configuration;

/// <summary>The <c>KetCds:Tls</c> section: a PKCS#12 certificate turns on TLS with ALPN h2.</summary>
internal sealed record TlsOptions
{
    /// <summary>Path of a PKCS#12 (.pfx/.p12) file holding the certificate and its private key.</summary>
    public string? CertificatePath { get; init; }

    /// <summary>Password of the PKCS#12 file, if it has one.</summary>
    public string? CertificatePassword { get; init; }
}

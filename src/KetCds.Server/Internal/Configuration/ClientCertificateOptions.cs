namespace KetCds.Server.Internal.Configuration;

/// <summary>The <c>KetCds:Auth:ClientCertificates</c> section: client certificates chained to a configured CA.</summary>
internal sealed record ClientCertificateOptions
{
    /// <summary>PEM file of the CA certificate(s) client certificates must chain to; only these roots are trusted.</summary>
    public string? CaFile { get; init; }

    /// <summary>Whether the TLS handshake demands a certificate; otherwise one is requested and bearer tokens may stand in.</summary>
    public bool Required { get; init; }

    /// <summary>Space-separated scopes a trusted certificate grants; empty makes the certificate an identity only (scopes then come from a token).</summary>
    public string Scopes { get; init; } = "ketcds.evaluate ketcds.read";

    /// <summary>Whether to check revocation online (needs the CA's CRL/OCSP endpoints to be reachable).</summary>
    public bool CheckRevocation { get; init; }

    /// <summary>Whether client certificates are configured.</summary>
    public bool IsConfigured => CaFile is not null;
}

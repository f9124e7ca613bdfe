namespace KetCds.Server.Internal.Configuration;

/// <summary>The <c>KetCds:Auth</c> section: who may call. With neither scheme configured every method is open (local use only).</summary>
internal sealed record AuthOptions
{
    /// <summary>The scope (or role) a caller needs for Evaluate and EvaluateBatch.</summary>
    public string EvaluateScope { get; init; } = "ketcds.evaluate";

    /// <summary>The scope (or role) a caller needs for GetRuleSet, ListRules and GetSourceCatalog.</summary>
    public string ReadScope { get; init; } = "ketcds.read";

    /// <summary>Whether server reflection stays open to anonymous callers when an authentication scheme is configured.</summary>
    public bool OpenReflection { get; init; }

    /// <summary>JWT bearer tokens.</summary>
    public JwtOptions Jwt { get; init; } = new();

    /// <summary>Client certificates (mutual TLS).</summary>
    public ClientCertificateOptions ClientCertificates { get; init; } = new();

    /// <summary>Whether any authentication scheme is configured.</summary>
    public bool AnyScheme => Jwt.IsConfigured || ClientCertificates.IsConfigured;
}

namespace KetCds.Server.Internal.Configuration;

/// <summary>The <c>KetCds:Auth:Jwt</c> section: bearer tokens validated against a fixed issuer, audience and key set.</summary>
internal sealed record JwtOptions
{
    /// <summary>The required <c>iss</c> claim.</summary>
    public string? Issuer { get; init; }

    /// <summary>The required <c>aud</c> claim.</summary>
    public string? Audience { get; init; }

    /// <summary>Path of a JSON Web Key Set file holding the issuer's public signing keys.</summary>
    public string? JwksFile { get; init; }

    /// <summary>The same key set inline, as JSON (e.g. from an environment variable or a secret store).</summary>
    public string? Jwks { get; init; }

    /// <summary>Tolerance for clock differences when checking <c>exp</c> and <c>nbf</c>.</summary>
    public int ClockSkewSeconds { get; init; } = 30;

    /// <summary>Whether any JWT setting is given (then all of issuer, audience and keys must be).</summary>
    public bool IsConfigured => Issuer is not null || Audience is not null || JwksFile is not null || Jwks is not null;
}

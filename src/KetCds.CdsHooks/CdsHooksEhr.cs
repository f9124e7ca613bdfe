namespace KetCds.CdsHooks;

/// <summary>One EHR allowed to call the hooks: the <c>iss</c> its JWTs carry and where its signing keys are.</summary>
public sealed class CdsHooksEhr
{
    /// <summary>The issuer, exactly as in the JWT's <c>iss</c>.</summary>
    public string Issuer { get; set; } = string.Empty;

    /// <summary>The URL of the EHR's JSON Web Key Set, fetched and cached.</summary>
    public Uri? JwksUrl { get; set; }

    /// <summary>The JSON Web Key Set itself, for EHRs that hand it over instead of publishing it.</summary>
    public string? Jwks { get; set; }
}

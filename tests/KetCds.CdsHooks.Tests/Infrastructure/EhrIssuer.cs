using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace KetCds.CdsHooks.Tests.Infrastructure;

/// <summary>An EHR that signs CDS Hooks JWTs with its own P-384 key: the server arguments that trust it, and its tokens.</summary>
internal sealed class EhrIssuer : IDisposable
{
    public const string Issuer = "https://ehr.example.org";
    public const string Subject = "ehr-client";

    private readonly ECDsa _key = ECDsa.Create(ECCurve.NamedCurves.nistP384);

    /// <summary>Server arguments configuring this EHR (inline JWKS).</summary>
    public string[] ServerArgs()
    {
        var q = _key.ExportParameters(false).Q;
        var jwks = $$"""{"keys":[{"kty":"EC","crv":"P-384","use":"sig","alg":"ES384","kid":"ehr-1","x":"{{Base64UrlEncoder.Encode(q.X)}}","y":"{{Base64UrlEncoder.Encode(q.Y)}}"}]}""";
        return ["--KetCds:CdsHooks:Ehrs:0:Issuer", Issuer, "--KetCds:CdsHooks:Ehrs:0:Jwks", jwks];
    }

    /// <summary>
    /// A token for the service at <paramref name="audience"/>, valid at <see cref="HookServer.Today"/> unless
    /// <paramref name="expires"/> says otherwise; a fresh jti unless <paramref name="jti"/> is given, none when it is null.
    /// </summary>
    public string Token(string audience, string issuer = Issuer, DateTimeOffset? expires = null, string? jti = "")
    {
        var claims = new Dictionary<string, object> { ["sub"] = Subject };
        if (jti is not null)
        {
            claims["jti"] = jti.Length > 0 ? jti : Guid.NewGuid().ToString();
        }

        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            IssuedAt = HookServer.Today.UtcDateTime,
            NotBefore = HookServer.Today.UtcDateTime.AddMinutes(-10),
            Expires = (expires ?? HookServer.Today.AddMinutes(4)).UtcDateTime,
            Claims = claims,
            Subject = new ClaimsIdentity(),
            SigningCredentials = new SigningCredentials(new ECDsaSecurityKey(_key) { KeyId = "ehr-1" }, SecurityAlgorithms.EcdsaSha384),
        };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }

    public void Dispose() => _key.Dispose();
}

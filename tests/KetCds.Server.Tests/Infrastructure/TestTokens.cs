using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.IdentityModel.Tokens;
using Microsoft.IdentityModel.JsonWebTokens;

namespace KetCds.Server.Tests.Infrastructure;

/// <summary>A token issuer made in the test: an RSA key, its public half as a JWKS file, and tokens signed with it.</summary>
internal sealed class TestTokens : IDisposable
{
    public const string Issuer = "https://idp.test.invalid";
    public const string Audience = "ketcds";

    private readonly RSA _rsa = RSA.Create(2048);
    private readonly RsaSecurityKey _key;
    private readonly RsaSecurityKey _otherKey = new(RSA.Create(2048)) { KeyId = "rogue" };

    public TestTokens(string folder)
    {
        _key = new RsaSecurityKey(_rsa) { KeyId = "test-key-1" };
        var publicKey = new RsaSecurityKey(_rsa.ExportParameters(false)) { KeyId = _key.KeyId };
        var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(publicKey);
        JwksFile = Path.Combine(folder, "jwks.json");
        var entry = new Dictionary<string, string> { ["kty"] = jwk.Kty, ["kid"] = jwk.Kid, ["use"] = "sig", ["alg"] = SecurityAlgorithms.RsaSha256, ["n"] = jwk.N, ["e"] = jwk.E };
        File.WriteAllText(JwksFile, JsonSerializer.Serialize(new Dictionary<string, object> { ["keys"] = new[] { entry } }));
    }

    public string JwksFile { get; }

    /// <summary>The server arguments that turn on bearer tokens from this issuer.</summary>
    public string[] ServerArgs =>
        ["--KetCds:Auth:Jwt:Issuer", Issuer, "--KetCds:Auth:Jwt:Audience", Audience, "--KetCds:Auth:Jwt:JwksFile", JwksFile];

    public string Create(string scope, string subject = "clinician-7", string audience = Audience, TimeSpan? expiresIn = null, bool rogueKey = false)
    {
        var now = DateTime.UtcNow;
        var expires = now + (expiresIn ?? TimeSpan.FromMinutes(10));
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = audience,
            Subject = new ClaimsIdentity([new Claim("sub", subject), new Claim("scope", scope)]),
            IssuedAt = expires < now ? expires.AddMinutes(-10) : now,
            NotBefore = expires < now ? expires.AddMinutes(-10) : now,
            Expires = expires,
            SigningCredentials = new SigningCredentials(rogueKey ? _otherKey : _key, SecurityAlgorithms.RsaSha256),
        };
        return new JsonWebTokenHandler().CreateToken(descriptor);
    }

    public void Dispose()
    {
        _rsa.Dispose();
        _otherKey.Rsa.Dispose();
    }
}

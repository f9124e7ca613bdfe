using System.Net;
using System.Security.Claims;
using System.Security.Cryptography;
using KetCds.CdsHooks.Tests.Infrastructure;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace KetCds.CdsHooks.Tests;

/// <summary>The EHR JWT on hook calls, checked by the CdsHooksJwt scheme on the real server with one configured EHR.</summary>
public sealed class CdsHooksJwtHandlerTests : IAsyncLifetime, IDisposable
{
    private const string Issuer = "https://ehr.example.org";
    private const string Service = "/cds-services/ketcds-patient-view";
    private readonly ECDsa _ehrKey = ECDsa.Create(ECCurve.NamedCurves.nistP384);
    private readonly ECDsa _otherKey = ECDsa.Create(ECCurve.NamedCurves.nistP384);
    private HookServer _server = null!;
    private string _request = string.Empty;

    public async Task InitializeAsync()
    {
        var q = _ehrKey.ExportParameters(false).Q;
        var jwks = $$"""{"keys":[{"kty":"EC","crv":"P-384","use":"sig","alg":"ES384","kid":"ehr-1","x":"{{Base64UrlEncoder.Encode(q.X)}}","y":"{{Base64UrlEncoder.Encode(q.Y)}}"}]}""";
        _server = await HookServer.StartAsync(["--KetCds:CdsHooks:Ehrs:0:Issuer", Issuer, "--KetCds:CdsHooks:Ehrs:0:Jwks", jwks]);
        _request = HookFile.Load(Path.Combine(Repository.HookFiles, "examples", "patient-view.json")).RequestJson;
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public void Dispose()
    {
        _ehrKey.Dispose();
        _otherKey.Dispose();
    }

    [Fact]
    public async Task Hook_ValidEhrToken_IsAnswered()
    {
        using var response = await _server.PostAsync(Service, _request, Token());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Discovery_WithoutToken_IsAnswered()
    {
        using var response = await _server.Http.GetAsync("/cds-services");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Hook_SameTokenTwice_SecondIsRefusedAsReplay()
    {
        var token = Token();
        using var first = await _server.PostAsync(Service, _request, token);
        using var second = await _server.PostAsync(Service, _request, token);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        await AssertRefusedAsync(second, "jti was already used");
    }

    [Fact]
    public async Task Hook_NoToken_IsRefusedOutsideLocalDevelopment()
    {
        using var response = await _server.PostAsync(Service, _request);
        await AssertRefusedAsync(response, "a bearer JWT from a configured EHR is required");
    }

    [Fact]
    public async Task Hook_TokenForAnotherService_IsRefused()
    {
        using var response = await _server.PostAsync(Service, _request, Token(audience: _server.Address.AbsoluteUri.TrimEnd('/') + "/cds-services/ketcds-order-sign"));
        await AssertRefusedAsync(response, "aud must be this service's URL");
    }

    [Fact]
    public async Task Hook_ExpiredToken_IsRefused()
    {
        using var response = await _server.PostAsync(Service, _request, Token(expires: HookServer.Today.AddMinutes(-2)));
        await AssertRefusedAsync(response, "has expired");
    }

    [Fact]
    public async Task Hook_TokenLivingLongerThanFiveMinutes_IsRefused()
    {
        using var response = await _server.PostAsync(Service, _request, Token(expires: HookServer.Today.AddHours(1)));
        await AssertRefusedAsync(response, "more than five minutes ahead");
    }

    [Fact]
    public async Task Hook_UnknownIssuer_IsRefused()
    {
        using var response = await _server.PostAsync(Service, _request, Token(issuer: "https://other-ehr.example.org"));
        await AssertRefusedAsync(response, "is not a configured EHR");
    }

    [Fact]
    public async Task Hook_SignedWithAnotherKey_IsRefused()
    {
        using var response = await _server.PostAsync(Service, _request, Token(key: _otherKey));
        await AssertRefusedAsync(response, "signature does not match");
    }

    [Fact]
    public async Task Hook_TokenWithoutJti_IsRefused()
    {
        using var response = await _server.PostAsync(Service, _request, Token(jti: null));
        await AssertRefusedAsync(response, "has no jti");
    }

    private string Token(string issuer = Issuer, string? audience = null, DateTimeOffset? expires = null, ECDsa? key = null, string? jti = "")
    {
        var claims = new Dictionary<string, object> { ["sub"] = "ehr-client" };
        if (jti is not null)
        {
            claims["jti"] = jti.Length > 0 ? jti : Guid.NewGuid().ToString();
        }

        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience ?? _server.Address.AbsoluteUri.TrimEnd('/') + Service,
            IssuedAt = HookServer.Today.UtcDateTime,
            NotBefore = HookServer.Today.UtcDateTime.AddMinutes(-10),
            Expires = (expires ?? HookServer.Today.AddMinutes(4)).UtcDateTime,
            Claims = claims,
            Subject = new ClaimsIdentity(),
            SigningCredentials = new SigningCredentials(new ECDsaSecurityKey(key ?? _ehrKey) { KeyId = "ehr-1" }, SecurityAlgorithms.EcdsaSha384),
        };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }

    private static async Task AssertRefusedAsync(HttpResponseMessage response, string reason)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{response.StatusCode}: {body}");
        Assert.True(body.Contains(reason, StringComparison.Ordinal), body);
    }
}

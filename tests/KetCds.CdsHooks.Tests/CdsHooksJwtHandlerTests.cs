using System.Net;
using KetCds.CdsHooks.Tests.Infrastructure;

namespace KetCds.CdsHooks.Tests;

/// <summary>The EHR JWT on hook calls, checked by the CdsHooksJwt scheme on the real server with one configured EHR.</summary>
public sealed class CdsHooksJwtHandlerTests : IAsyncLifetime, IDisposable
{
    private const string Service = "/cds-services/ketcds-patient-view";
    private readonly EhrIssuer _ehr = new();
    // Same issuer and key id, a key the server was never given.
    private readonly EhrIssuer _impostor = new();
    private HookServer _server = null!;
    private string _request = string.Empty;

    public async Task InitializeAsync()
    {
        _server = await HookServer.StartAsync(_ehr.ServerArgs());
        _request = HookFile.Load(Path.Combine(Repository.HookFiles, "examples", "patient-view.json")).RequestJson;
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public void Dispose()
    {
        _ehr.Dispose();
        _impostor.Dispose();
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
        using var response = await _server.PostAsync(Service, _request, Token(signer: _impostor));
        await AssertRefusedAsync(response, "signature does not match");
    }

    [Fact]
    public async Task Hook_TokenWithoutJti_IsRefused()
    {
        using var response = await _server.PostAsync(Service, _request, Token(jti: null));
        await AssertRefusedAsync(response, "has no jti");
    }

    private string Token(string issuer = EhrIssuer.Issuer, string? audience = null, DateTimeOffset? expires = null, EhrIssuer? signer = null, string? jti = "") =>
        (signer ?? _ehr).Token(audience ?? _server.Address.AbsoluteUri.TrimEnd('/') + Service, issuer, expires, jti);

    private static async Task AssertRefusedAsync(HttpResponseMessage response, string reason)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{response.StatusCode}: {body}");
        Assert.True(body.Contains(reason, StringComparison.Ordinal), body);
    }
}

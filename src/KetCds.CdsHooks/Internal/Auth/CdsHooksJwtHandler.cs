using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace KetCds.CdsHooks.Internal.Auth;

/// <summary>
/// The CDS Hooks 2.0 JWT check as an ASP.NET Core authentication scheme: the token must come from a configured EHR
/// (<c>iss</c>), be signed with a key of that EHR's JWKS (asymmetric algorithms only), be meant for this service
/// (<c>aud</c> = the service URL), be unexpired and at most five minutes long-lived (<c>exp</c>, on the server's clock),
/// and carry a <c>jti</c> not seen before.
/// </summary>
internal sealed class CdsHooksJwtHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> schemeOptions,
    ILoggerFactory loggers,
    UrlEncoder encoder,
    IOptions<CdsHooksOptions> hooks,
    JwksCache jwks,
    JtiReplayCache replay,
    TimeProvider time)
    : AuthenticationHandler<AuthenticationSchemeOptions>(schemeOptions, loggers, encoder)
{
    private static readonly TimeSpan Skew = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan LongestLifetime = TimeSpan.FromMinutes(5);
    private static readonly string[] Algorithms =
    [
        SecurityAlgorithms.RsaSha384, SecurityAlgorithms.EcdsaSha384, SecurityAlgorithms.RsaSha256, SecurityAlgorithms.EcdsaSha256,
        SecurityAlgorithms.RsaSha512, SecurityAlgorithms.EcdsaSha512,
    ];

    private readonly JsonWebTokenHandler _tokens = new();

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (header.Length == 0)
        {
            // No credentials at all is "no result", not a failure: when this is the only scheme it is the default one,
            // so every request (gRPC too) is put through it, and a failure costs an Information log line per call.
            // The authorizer still refuses such a hook call with the same message.
            return AuthenticateResult.NoResult();
        }

        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.Fail("a bearer JWT from a configured EHR is required");
        }

        var token = header["Bearer ".Length..].Trim();
        JsonWebToken unvalidated;
        try
        {
            unvalidated = _tokens.ReadJsonWebToken(token);
        }
        catch (ArgumentException)
        {
            return AuthenticateResult.Fail("the bearer token is not a JWT");
        }

        var ehr = hooks.Value.Ehrs.FirstOrDefault(e => string.Equals(e.Issuer, unvalidated.Issuer, StringComparison.Ordinal));
        if (ehr is null)
        {
            return AuthenticateResult.Fail($"issuer '{unvalidated.Issuer}' is not a configured EHR");
        }

        IList<SecurityKey> keys;
        try
        {
            keys = await jwks.GetAsync(ehr, unvalidated.Kid, Context.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or ArgumentException)
        {
            return AuthenticateResult.Fail($"the JWKS of issuer '{ehr.Issuer}' could not be read: {ex.Message}");
        }

        var audiences = Audiences();
        var parameters = new TokenValidationParameters
        {
            ValidIssuer = ehr.Issuer,
            ValidAudiences = audiences,
            IssuerSigningKeys = keys,
            ValidAlgorithms = Algorithms,
            RequireSignedTokens = true,
            ValidateIssuerSigningKey = true,
            // Lifetime is checked below on the server's TimeProvider, with the specification's five-minute ceiling.
            ValidateLifetime = false,
            RequireExpirationTime = true,
        };
        var result = await _tokens.ValidateTokenAsync(token, parameters).ConfigureAwait(false);
        if (!result.IsValid)
        {
            return AuthenticateResult.Fail(result.Exception switch
            {
                SecurityTokenInvalidAudienceException => $"aud must be this service's URL ({audiences[0]})",
                SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException => $"the signature does not match a key of issuer '{ehr.Issuer}'",
                SecurityTokenInvalidAlgorithmException => "the token's algorithm is not allowed (ES384, RS384 and other asymmetric algorithms only)",
                { } other => other.Message,
                null => "the token is not valid",
            });
        }

        var now = time.GetUtcNow();
        var expires = new DateTimeOffset(unvalidated.ValidTo, TimeSpan.Zero);
        if (expires < now - Skew)
        {
            return AuthenticateResult.Fail("the token has expired (exp)");
        }

        if (expires > now + LongestLifetime + Skew)
        {
            return AuthenticateResult.Fail("exp is more than five minutes ahead");
        }

        if (string.IsNullOrEmpty(unvalidated.Id))
        {
            return AuthenticateResult.Fail("the token has no jti");
        }

        if (!replay.TryUse(ehr.Issuer, unvalidated.Id, expires))
        {
            return AuthenticateResult.Fail("the token's jti was already used: a JWT is good for one call");
        }

        var principal = new ClaimsPrincipal(result.ClaimsIdentity);
        return AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name));
    }

    /// <summary>The URLs a token may be addressed to: this service's URL (and, for feedback, the feedback URL itself).</summary>
    private string[] Audiences()
    {
        var baseUrl = hooks.Value.PublicBaseUrl is { } configured
            ? configured.AbsoluteUri.TrimEnd('/')
            : $"{Request.Scheme}://{Request.Host}{Request.PathBase}";
        var path = Request.Path.Value ?? string.Empty;
        const string feedback = "/feedback";
        return path.EndsWith(feedback, StringComparison.Ordinal)
            ? [baseUrl + path[..^feedback.Length], baseUrl + path]
            : [baseUrl + path];
    }
}

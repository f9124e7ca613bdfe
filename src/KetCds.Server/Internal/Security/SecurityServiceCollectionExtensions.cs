using System.Security.Claims;
using System.Security.Cryptography.X509Certificates;
using System.Threading.RateLimiting;
using Grpc.Core;
using KetCds.Server.Internal.Auditing;
using KetCds.Server.Internal.Configuration;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Certificate;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;

namespace KetCds.Server.Internal.Security;

/// <summary>
/// This server's authentication (JWT bearer, client certificates), per-method authorization and abuse limits, kept in one
/// place so other schemes (e.g. a CDS Hooks endpoint's) can be registered beside them under their own names.
/// </summary>
internal static class SecurityServiceCollectionExtensions
{
    /// <summary>Registers the configured schemes, the three policies, gRPC-shaped denials and the rate limiter.</summary>
    public static IServiceCollection AddKetCdsSecurity(this IServiceCollection services, KetCdsOptions options)
    {
        var auth = options.Auth;
        var schemes = new List<string>(2);
        var authentication = services.AddAuthentication();
        services.AddSingleton<IAuthenticationSchemeProvider, ExplicitDefaultSchemeProvider>();
        if (auth.Jwt.IsConfigured)
        {
            var keys = SigningKeys.Load(auth.Jwt);
            authentication.AddJwtBearer(KetCdsSchemes.Bearer, jwt =>
            {
                // Keep the token's own claim names (sub, scope), not their WS-Federation URIs.
                jwt.MapInboundClaims = false;
                jwt.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = auth.Jwt.Issuer,
                    ValidAudience = auth.Jwt.Audience,
                    IssuerSigningKeys = keys,
                    ValidateIssuer = true,
                    ValidateAudience = true,
                    ValidateLifetime = true,
                    RequireExpirationTime = true,
                    RequireSignedTokens = true,
                    ValidateIssuerSigningKey = true,
                    ClockSkew = TimeSpan.FromSeconds(auth.Jwt.ClockSkewSeconds),
                };
            });
            schemes.Add(KetCdsSchemes.Bearer);
        }

        if (auth.ClientCertificates.IsConfigured)
        {
            var roots = ClientCertificateTrust.Load(auth.ClientCertificates);
            var scopes = auth.ClientCertificates.Scopes;
            authentication.AddCertificate(KetCdsSchemes.Certificate, certificate =>
            {
                certificate.AllowedCertificateTypes = CertificateTypes.Chained;
                certificate.ChainTrustValidationMode = X509ChainTrustMode.CustomRootTrust;
                certificate.CustomTrustStore = roots;
                certificate.RevocationMode = auth.ClientCertificates.CheckRevocation ? X509RevocationMode.Online : X509RevocationMode.NoCheck;
                certificate.ValidateCertificateUse = true;
                certificate.ValidateValidityPeriod = true;
                certificate.Events = new CertificateAuthenticationEvents
                {
                    OnCertificateValidated = context =>
                    {
                        if (!string.IsNullOrWhiteSpace(scopes) && context.Principal?.Identity is ClaimsIdentity identity)
                        {
                            identity.AddClaim(new Claim(KetCdsSchemes.ScopeClaim, scopes, ClaimValueTypes.String, context.Options.ClaimsIssuer));
                        }

                        context.Success();
                        return Task.CompletedTask;
                    },
                };
            });
            schemes.Add(KetCdsSchemes.Certificate);
        }

        services.AddAuthorization(authorization =>
        {
            authorization.AddPolicy(KetCdsSchemes.EvaluatePolicy, policy => Scoped(policy, schemes, auth.EvaluateScope));
            authorization.AddPolicy(KetCdsSchemes.ReadPolicy, policy => Scoped(policy, schemes, auth.ReadScope));
            authorization.AddPolicy(KetCdsSchemes.ReflectionPolicy, policy => Scoped(policy, auth.OpenReflection ? [] : schemes, scope: null));
        });
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, GrpcDenialHandler>();
        services.AddKetCdsRateLimits(options.Limits);
        return services;
    }

    /// <summary>Kestrel's TLS settings for client certificates: requested (or required), and checked by the scheme, not by TLS.</summary>
    public static void ConfigureClientCertificates(this HttpsConnectionAdapterOptions https, AuthOptions auth)
    {
        ArgumentNullException.ThrowIfNull(https);
        if (!auth.ClientCertificates.IsConfigured)
        {
            return;
        }

        https.ClientCertificateMode = auth.ClientCertificates.Required ? ClientCertificateMode.RequireCertificate : ClientCertificateMode.AllowCertificate;
        // The handshake accepts any certificate so a wrong one is refused as UNAUTHENTICATED (and audited) rather than as a
        // TLS failure the client cannot tell from a network error; the certificate scheme checks the chain against the CA.
        https.AllowAnyClientCertificate();
    }

    private static void Scoped(AuthorizationPolicyBuilder policy, List<string> schemes, string? scope)
    {
        if (schemes.Count == 0)
        {
            // No scheme configured: a local, loopback-only server (startup refuses anything else), open to every caller.
            policy.RequireAssertion(static _ => true);
            return;
        }

        policy.AddAuthenticationSchemes([.. schemes]).RequireAuthenticatedUser();
        if (scope is not null)
        {
            policy.RequireAssertion(context => CallerScopes.Has(context.User, scope));
        }
    }

    private static void AddKetCdsRateLimits(this IServiceCollection services, LimitOptions limits)
    {
        services.AddRateLimiter(rateLimiter =>
        {
            var perClient = PartitionedRateLimiter.Create<HttpContext, string>(http =>
                limits.CallsPerSecond == 0 || !GrpcStatusResponse.IsDecisionSupportCall(http)
                    ? RateLimitPartition.GetNoLimiter(string.Empty)
                    : RateLimitPartition.GetTokenBucketLimiter(ClientIdentity.RateLimitKey(http), _ => new TokenBucketRateLimiterOptions
                    {
                        TokenLimit = limits.Burst,
                        TokensPerPeriod = limits.CallsPerSecond,
                        ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                        QueueLimit = 0,
                        AutoReplenishment = true,
                    }));
            // The server-wide concurrency limit is the ConcurrentCallLimitInterceptor's: here a call would hold its slot
            // while it waits for room for its answer.
            rateLimiter.GlobalLimiter = perClient;
            rateLimiter.OnRejected = static async (context, cancellationToken) =>
            {
                // A client over its own rate is told to back off.
                var http = context.HttpContext;
                var (status, message) = (StatusCode.ResourceExhausted, "the client exceeded its call rate");
                var auditor = http.RequestServices.GetRequiredService<CallAuditor>();
                if (!await auditor.RecordAsync(http, http.Request.Path.Value!, CallRecord.Refused(status)).ConfigureAwait(false))
                {
                    (status, message) = (StatusCode.Unavailable, CallAuditor.UnavailableMessage);
                }

                await GrpcStatusResponse.WriteAsync(http, status, message).ConfigureAwait(false);
            };
        });
    }
}

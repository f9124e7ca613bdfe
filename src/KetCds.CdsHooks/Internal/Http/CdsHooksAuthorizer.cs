using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KetCds.CdsHooks.Internal.Http;

/// <summary>
/// Lets a hook call through only with a valid EHR JWT (the <see cref="CdsHooksAuthentication.Scheme"/> scheme), except in
/// local development where anonymous calls are allowed. Refusals are a 401 naming the problem.
/// </summary>
internal sealed class CdsHooksAuthorizer(IOptions<CdsHooksOptions> options, ILogger<CdsHooksAuthorizer> logger)
{
    /// <summary>True when the call was refused (the response is written).</summary>
    public async Task<bool> RefuseAsync(HttpContext context)
    {
        if (options.Value.AllowAnonymous)
        {
            // Local development: loopback only and no EHR configured, so there is no issuer a token could be checked against.
            return false;
        }

        string reason;
        if (options.Value.Ehrs.Count == 0)
        {
            reason = "no EHR is configured to call this service (KetCds:CdsHooks:Ehrs), and anonymous calls are allowed only on loopback in development";
        }
        else
        {
            var result = await context.AuthenticateAsync(CdsHooksAuthentication.Scheme).ConfigureAwait(false);
            if (result.Succeeded)
            {
                context.User = result.Principal;
                return false;
            }

            reason = result.Failure?.Message ?? "a bearer JWT from a configured EHR is required";
        }

        logger.Refused(context.Request.Path, reason);
        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        context.Response.Headers.WWWAuthenticate = "Bearer";
        context.Response.ContentType = "application/json";
        await context.Response.Body.WriteAsync(ErrorBody.Write("unauthorized", [new Hooks.RequestProblem("Authorization", reason)]), context.RequestAborted).ConfigureAwait(false);
        return true;
    }
}

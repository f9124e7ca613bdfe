using Grpc.Core;
using KetCds.Server.Internal.Auditing;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http;

namespace KetCds.Server.Internal.Security;

/// <summary>
/// Turns authorization failures into gRPC statuses — UNAUTHENTICATED when no scheme accepted the caller, PERMISSION_DENIED
/// when it lacks the method's scope — and records each refused decision-support call in the audit trail first. The default
/// handler would answer HTTP 401/403 with a challenge, which gRPC clients map each in their own way.
/// </summary>
internal sealed class GrpcDenialHandler(CallAuditor auditor) : IAuthorizationMiddlewareResultHandler
{
    public const string UnauthenticatedMessage = "the call needs a valid bearer token or a trusted client certificate";
    public const string PermissionDeniedMessage = "the caller is not allowed to call this method";

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        ArgumentNullException.ThrowIfNull(next);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(authorizeResult);
        if (authorizeResult.Succeeded)
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        var (status, message) = authorizeResult.Forbidden
            ? (StatusCode.PermissionDenied, PermissionDeniedMessage)
            : (StatusCode.Unauthenticated, UnauthenticatedMessage);
        if (GrpcStatusResponse.IsDecisionSupportCall(context)
            && !await auditor.RecordAsync(context, context.Request.Path.Value!, CallRecord.Refused(status)).ConfigureAwait(false))
        {
            (status, message) = (StatusCode.Unavailable, CallAuditor.UnavailableMessage);
        }

        await GrpcStatusResponse.WriteAsync(context, status, message).ConfigureAwait(false);
    }
}

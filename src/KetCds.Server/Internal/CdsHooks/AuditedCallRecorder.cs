using System.Runtime.InteropServices;
using System.Security.Cryptography;
using KetCds.CdsHooks;
using KetCds.Server.Internal.Auditing;
using Microsoft.AspNetCore.Http;

namespace KetCds.Server.Internal.CdsHooks;

/// <summary>
/// CDS Hooks decision calls into the audit trail, one record per call the endpoint answered or refused: who asked and
/// from where, the service, the hookInstance, the rule set, the status, the decision codes and the hashes of the body as
/// received and as sent. Fails closed like the gRPC calls: the cards leave only once their record is durable.
/// </summary>
internal sealed class AuditedCallRecorder(CallAuditor auditor) : ICdsCallRecorder
{
    public async ValueTask<bool> RecordAsync(string serviceId, ReadOnlyMemory<byte> request, CdsHookOutcome outcome, HttpContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        if (!auditor.Enabled)
        {
            return true;
        }

        // The body is the endpoint's pooled buffer, returned when the call ends: copied only when payloads are stored,
        // otherwise hashed here, before the wait for the commit.
        var stored = auditor.StoresPayloads;
        var decision = outcome.Decision;
        var record = new CallRecord(
            outcome.HookInstance ?? string.Empty,
            decision is null ? string.Empty : AuditInterceptor.Label(decision.RuleSet),
            HookStatus.Of(outcome.StatusCode),
            DecisionSummary.Of(decision?.Result),
            stored ? request.ToArray() : ReadOnlyMemory<byte>.Empty,
            stored ? outcome.Body : ReadOnlyMemory<byte>.Empty)
        {
            RequestSha256 = stored ? default : ImmutableCollectionsMarshal.AsImmutableArray(SHA256.HashData(request.Span)),
            ResponseSha256 = stored ? default : ImmutableCollectionsMarshal.AsImmutableArray(SHA256.HashData(outcome.Body)),
        };
        return await auditor.RecordAsync(context, Method(serviceId), record).ConfigureAwait(false);
    }

    /// <summary>The record's method: the path called, service id included (an unknown id is what a prober tried).</summary>
    /// <remarks>Kestrel refuses a path that decodes to a NUL, which the trail could not store, before any middleware runs.</remarks>
    public static string Method(string serviceId) => $"{CdsHooksEndpointRouteBuilderExtensions.BasePath}/{serviceId}";
}

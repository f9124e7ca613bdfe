using System.Collections.Immutable;
using System.Text.Json;
using Grpc.Core;
using KetCds.CdsHooks;
using KetCds.Server.Internal.Auditing;
using Microsoft.AspNetCore.Http;

namespace KetCds.Server.Internal.CdsHooks;

/// <summary>
/// CDS Hooks feedback into the audit trail, one record per item: who sent it and from where, the service, the card,
/// what the clinician did with it and why; the free-text comment is never kept. Fails closed like the decision calls.
/// </summary>
internal sealed class AuditedFeedbackSink(CallAuditor auditor) : ICdsFeedbackSink
{
    public async ValueTask<bool> RecordAsync(CdsFeedback feedback, HttpContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(feedback);
        ImmutableArray<string> decision = feedback.OverrideReason is { } reason
            ? ["feedback:" + feedback.Outcome, "override:" + reason]
            : ["feedback:" + feedback.Outcome];

        // The item as read (comment reduced to whether there was one): the bytes the record's hash identifies.
        var canonical = JsonSerializer.SerializeToUtf8Bytes(feedback);
        var record = new CallRecord(feedback.Card, string.Empty, StatusCode.OK, decision, canonical, ReadOnlyMemory<byte>.Empty);
        return await auditor.RecordAsync(context, $"/cds-services/{feedback.ServiceId}/feedback", record).ConfigureAwait(false);
    }
}

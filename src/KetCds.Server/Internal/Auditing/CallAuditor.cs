using System.Collections.Immutable;
using Grpc.Core;
using KetCds.Audit;
using KetCds.Server.Internal.Calls;
using KetCds.Server.Internal.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace KetCds.Server.Internal.Auditing;

/// <summary>
/// Appends one audit record per decision-support call (allowed or denied) and says whether the answer may be sent:
/// only once the record is durable, or — when <c>KetCds:Audit:FailClosed</c> is false — also when it could not be written.
/// </summary>
internal sealed class CallAuditor
{
    /// <summary>Status message of a call withheld because its record could not be written.</summary>
    public const string UnavailableMessage = "the audit trail cannot be written, so the answer is withheld";

    private readonly AuditOptions _options;
    private readonly ILogger<CallAuditor> _logger;
    private readonly IAuditTrail? _trail;

    public CallAuditor(AuditOptions options, ILogger<CallAuditor> logger, IAuditTrail? trail = null)
    {
        _options = options;
        _logger = logger;
        _trail = trail;
        if (trail is null)
        {
            logger.AuditDisabled();
        }
    }

    /// <summary>Whether calls are recorded at all.</summary>
    public bool Enabled => _trail is not null;

    /// <summary>Whether full request and response bytes are stored; otherwise only their hashes are needed.</summary>
    public bool StoresPayloads => _options.StorePayloads;

    /// <summary>
    /// Records one call, or one item of a batch (<paramref name="callEnds"/> false: the call's own end is still to come);
    /// false means the caller must answer UNAVAILABLE instead (fail closed).
    /// </summary>
    public async Task<bool> RecordAsync(HttpContext http, string method, CallRecord call, bool callEnds = true)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(call);
        if (_trail is null)
        {
            return true;
        }

        if (callEnds)
        {
            AuditBackstopMiddleware.MarkRecorded(http);
        }

        var entry = new AuditEntry(
            Clean(ClientIdentity.Subject(http)),
            ClientIdentity.Address(http),
            method,
            Clean(call.RequestId),
            call.RuleSet,
            StatusNames.Of(call.Status),
            call.Decision.IsDefault ? [] : call.Decision,
            call.Request,
            call.Response)
        {
            RequestSha256 = call.RequestSha256,
            ResponseSha256 = call.ResponseSha256,

            // Committed ahead of records whose client has gone: those hold no answer back.
            Urgent = call.Status is not (StatusCode.Cancelled or StatusCode.DeadlineExceeded) && !http.RequestAborted.IsCancellationRequested,
        };
        try
        {
            // Not the call's token: a cancelled call is still recorded, and the wait ends when the group commits.
            await _trail.AppendAsync(entry, CancellationToken.None).ConfigureAwait(false);
            return true;
        }
        catch (AuditUnavailableException ex)
        {
            _logger.AuditWriteFailed(method, _options.FailClosed, ex);
            return !_options.FailClosed;
        }
    }

    /// <summary>The exception a fail-closed call ends with.</summary>
    public static RpcException Unavailable() => new(new Status(StatusCode.Unavailable, UnavailableMessage));

    /// <summary>The trail refuses NUL characters; caller-chosen ids keep every other character.</summary>
    private static string Clean(string text) => text.Contains('\0', StringComparison.Ordinal) ? text.Replace('\0', '\uFFFD') : text;
}

using Microsoft.AspNetCore.Http;

namespace KetCds.CdsHooks;

/// <summary>Where a record of each hook call goes: nowhere by default; the audit trail when the server wires one in.</summary>
public interface ICdsCallRecorder
{
    /// <summary>
    /// Records one call to service <paramref name="serviceId"/> with the body <paramref name="request"/> as received and the
    /// <paramref name="outcome"/> about to be sent; false when it could not be recorded (the answer is withheld: 503).
    /// The body is valid only until the returned task completes.
    /// </summary>
    ValueTask<bool> RecordAsync(string serviceId, ReadOnlyMemory<byte> request, CdsHookOutcome outcome, HttpContext context, CancellationToken cancellationToken);
}

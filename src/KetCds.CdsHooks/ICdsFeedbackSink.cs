using Microsoft.AspNetCore.Http;

namespace KetCds.CdsHooks;

/// <summary>Where CDS Hooks feedback goes: the log by default; the audit trail when the server wires one in.</summary>
public interface ICdsFeedbackSink
{
    /// <summary>Records one feedback item sent in <paramref name="context"/>; false when it could not be recorded (answered 503).</summary>
    ValueTask<bool> RecordAsync(CdsFeedback feedback, HttpContext context, CancellationToken cancellationToken);
}

namespace KetCds.CdsHooks;

/// <summary>Where CDS Hooks feedback goes: the log by default; the audit trail when the server wires one in.</summary>
public interface ICdsFeedbackSink
{
    /// <summary>Records one feedback item.</summary>
    ValueTask RecordAsync(CdsFeedback feedback, CancellationToken cancellationToken);
}

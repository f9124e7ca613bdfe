namespace KetCds.Audit.Internal;

/// <summary>An append waiting for the writer: completes when its group has committed.</summary>
internal sealed record PendingAppend(PendingRecord Record, TaskCompletionSource<AuditRecord> Completion);

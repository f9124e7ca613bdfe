namespace KetCds.Audit.Internal;

/// <summary>An append waiting for the writer: its record not yet sealed (sequence 0, no hashes); completes when its group has committed.</summary>
internal sealed record PendingAppend(AuditRecord Record, TaskCompletionSource<AuditRecord> Completion);

namespace KetCds.Audit;

/// <summary>The first link of a chain that failed verification.</summary>
/// <param name="Sequence">The sequence number where the break was found (the expected one when a record is missing).</param>
/// <param name="Reason">Why the link is broken, in one line.</param>
public sealed record AuditBreak(long Sequence, string Reason);

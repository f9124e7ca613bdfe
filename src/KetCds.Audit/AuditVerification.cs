namespace KetCds.Audit;

/// <summary>The outcome of walking a chain.</summary>
/// <param name="RecordCount">How many records were read (up to and including the first broken one).</param>
/// <param name="HeadSequence">The last intact record's sequence number (0 when none).</param>
/// <param name="HeadHash">The last intact record's hash as lower-case hex (64 zeros when none); record it elsewhere to detect truncation later.</param>
/// <param name="FirstBreak">The first broken link, or null when the chain is intact.</param>
public sealed record AuditVerification(long RecordCount, long HeadSequence, string HeadHash, AuditBreak? FirstBreak)
{
    /// <summary>Whether every link verified.</summary>
    public bool IsIntact => FirstBreak is null;
}

using System.Collections.Immutable;

namespace KetCds.Audit.Internal;

/// <summary>The last record of a chain as a new record links to it.</summary>
internal sealed record ChainTail(long Sequence, ImmutableArray<byte> Hash)
{
    /// <summary>The tail of an empty chain: the first record links to 32 zero bytes and gets sequence 1.</summary>
    public static ChainTail Genesis { get; } = new(0, ImmutableArray.Create(new byte[AuditChain.HashLength]));
}

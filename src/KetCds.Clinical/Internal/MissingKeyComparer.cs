namespace KetCds.Clinical.Internal;

/// <summary>Compares <see cref="MissingDataCache"/> keys (one field's requesting rules and missing facts' rows) by content, and looks them up from a span without copying.</summary>
internal sealed class MissingKeyComparer : IEqualityComparer<ulong[]>, IAlternateEqualityComparer<ReadOnlySpan<ulong>, ulong[]>
{
    public static MissingKeyComparer Instance { get; } = new();

    public bool Equals(ulong[]? x, ulong[]? y) => ReferenceEquals(x, y) || (x is not null && y is not null && x.AsSpan().SequenceEqual(y));

    public int GetHashCode(ulong[] key) => Hash(key);

    public bool Equals(ReadOnlySpan<ulong> alternate, ulong[] other) => alternate.SequenceEqual(other);

    public int GetHashCode(ReadOnlySpan<ulong> alternate) => Hash(alternate);

    public ulong[] Create(ReadOnlySpan<ulong> alternate) => alternate.ToArray();

    private static int Hash(ReadOnlySpan<ulong> key)
    {
        // Keys are a few words made from one rule set's indexes and rule rows, not adversarial input: a multiplicative mix suffices.
        var hash = (ulong)key.Length;
        foreach (var word in key)
        {
            hash = (hash ^ word) * 0x9E3779B97F4A7C15UL;
        }

        return (int)(hash ^ (hash >> 32));
    }
}

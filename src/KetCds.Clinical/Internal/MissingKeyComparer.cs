using KetCds.Engine;

namespace KetCds.Clinical.Internal;

/// <summary>Compares <see cref="MissingDataCache"/> keys (one field's requests and missing pairs) by content, and looks them up from a span without copying.</summary>
internal sealed class MissingKeyComparer : IEqualityComparer<MissingInput[]>, IAlternateEqualityComparer<ReadOnlySpan<MissingInput>, MissingInput[]>
{
    public static MissingKeyComparer Instance { get; } = new();

    public bool Equals(MissingInput[]? x, MissingInput[]? y) => ReferenceEquals(x, y) || (x is not null && y is not null && x.AsSpan().SequenceEqual(y));

    public int GetHashCode(MissingInput[] key) => Hash(key);

    public bool Equals(ReadOnlySpan<MissingInput> alternate, MissingInput[] other) => alternate.SequenceEqual(other);

    public int GetHashCode(ReadOnlySpan<MissingInput> alternate) => Hash(alternate);

    public MissingInput[] Create(ReadOnlySpan<MissingInput> alternate) => alternate.ToArray();

    private static int Hash(ReadOnlySpan<MissingInput> key)
    {
        // Keys are a few pairs of small integers from one rule set, not adversarial input: a multiplicative mix suffices.
        var hash = (uint)key.Length;
        foreach (var (fact, rule) in key)
        {
            hash = (hash * 0x9E3779B1u) ^ (uint)((fact << 16) ^ rule);
        }

        return (int)(hash ^ (hash >> 15));
    }
}

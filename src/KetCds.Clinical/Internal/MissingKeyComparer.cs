using KetCds.Engine;

namespace KetCds.Clinical.Internal;

/// <summary>Compares <see cref="MissingDataCache"/> keys (one field's missing pairs) by content, and looks them up from a span without copying.</summary>
internal sealed class MissingKeyComparer : IEqualityComparer<MissingInput[]>, IAlternateEqualityComparer<ReadOnlySpan<MissingInput>, MissingInput[]>
{
    public static MissingKeyComparer Instance { get; } = new();

    public bool Equals(MissingInput[]? x, MissingInput[]? y) => ReferenceEquals(x, y) || (x is not null && y is not null && Equals((ReadOnlySpan<MissingInput>)x, y));

    public int GetHashCode(MissingInput[] key) => GetHashCode((ReadOnlySpan<MissingInput>)key);

    public bool Equals(ReadOnlySpan<MissingInput> alternate, MissingInput[] other) => alternate.SequenceEqual(other);

    public int GetHashCode(ReadOnlySpan<MissingInput> alternate)
    {
        var hash = new HashCode();
        foreach (var (fact, rule) in alternate)
        {
            hash.Add((fact << 20) ^ rule);
        }

        return hash.ToHashCode();
    }

    public MissingInput[] Create(ReadOnlySpan<MissingInput> alternate) => alternate.ToArray();
}

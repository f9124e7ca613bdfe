using KetCds.Engine;

namespace KetCds.Clinical.Internal;

/// <summary>Compares <see cref="MissingDataCache"/> keys (one field's requests and missing pairs) by content, and looks them up from a span without copying.</summary>
internal sealed class MissingKeyComparer : IEqualityComparer<MissingInput[]>, IAlternateEqualityComparer<ReadOnlySpan<MissingInput>, MissingInput[]>
{
    public static MissingKeyComparer Instance { get; } = new();

    public bool Equals(MissingInput[]? x, MissingInput[]? y) => ReferenceEquals(x, y) || (x is not null && y is not null && x.AsSpan().SequenceEqual(y));

    public int GetHashCode(MissingInput[] key) => MissingKeyHash.Of(key);

    public bool Equals(ReadOnlySpan<MissingInput> alternate, MissingInput[] other) => alternate.SequenceEqual(other);

    public int GetHashCode(ReadOnlySpan<MissingInput> alternate) => MissingKeyHash.Of(alternate);

    public MissingInput[] Create(ReadOnlySpan<MissingInput> alternate) => alternate.ToArray();
}

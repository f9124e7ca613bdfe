using System.Runtime.CompilerServices;

namespace KetCds.Clinical.Internal;

/// <summary>
/// Compares <see cref="ReasonCache"/> keys by the identity of their rule-id strings: equal ids from the same model are
/// the same instance, and a different instance only costs a miss (the text is made again), never a wrong text.
/// </summary>
internal sealed class ReasonKeyComparer : IEqualityComparer<(string Rule0, string? Rule1, string? Rule2, int Count)>
{
    public static ReasonKeyComparer Instance { get; } = new();

    public bool Equals((string Rule0, string? Rule1, string? Rule2, int Count) x, (string Rule0, string? Rule1, string? Rule2, int Count) y) =>
        ReferenceEquals(x.Rule0, y.Rule0) && ReferenceEquals(x.Rule1, y.Rule1) && ReferenceEquals(x.Rule2, y.Rule2) && x.Count == y.Count;

    public int GetHashCode((string Rule0, string? Rule1, string? Rule2, int Count) key) =>
        HashCode.Combine(RuntimeHelpers.GetHashCode(key.Rule0), key.Rule1 is null ? 0 : RuntimeHelpers.GetHashCode(key.Rule1), key.Rule2 is null ? 0 : RuntimeHelpers.GetHashCode(key.Rule2), key.Count);
}

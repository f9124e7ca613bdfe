namespace KetCds.Cli.Internal.Generate;

/// <summary>
/// A tiny seeded generator (SplitMix64) owned by one case. Defined here rather than System.Random so a seed gives the same
/// cases on every runtime version, not just this one.
/// </summary>
internal sealed class SplitMix64(ulong seed)
{
    private ulong _state = seed;

    public ulong NextUInt64()
    {
        var z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>A number in [0, <paramref name="max"/>).</summary>
    public int Next(int max) => max <= 0 ? 0 : (int)(NextUInt64() % (ulong)max);

    /// <summary>A number in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public int Between(int min, int max) => min + Next(max - min + 1);

    /// <summary>True with the given percentage.</summary>
    public bool Chance(int percent) => Next(100) < percent;

    /// <summary>Up to <paramref name="count"/> distinct items, in the items' own order.</summary>
    public List<T> Pick<T>(IReadOnlyList<T> items, int count)
    {
        var chosen = new SortedSet<int>();
        while (chosen.Count < Math.Min(count, items.Count))
        {
            chosen.Add(Next(items.Count));
        }

        return [.. chosen.Select(i => items[i])];
    }
}

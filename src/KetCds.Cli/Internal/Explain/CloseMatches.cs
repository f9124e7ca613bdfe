namespace KetCds.Cli.Internal.Explain;

/// <summary>Names close to one the user typed: by edit distance, and names containing it.</summary>
internal static class CloseMatches
{
    public static IReadOnlyList<string> Find(string typed, IEnumerable<string> candidates, int max = 5) =>
        [.. candidates
            .Distinct(StringComparer.Ordinal)
            .Select(c => (Name: c, Score: Score(typed, c)))
            .Where(x => x.Score <= Math.Max(3, typed.Length / 3))
            .OrderBy(x => x.Score).ThenBy(x => x.Name, StringComparer.Ordinal)
            .Take(max)
            .Select(x => x.Name)];

    private static int Score(string typed, string candidate)
    {
        if (candidate.Contains(typed, StringComparison.OrdinalIgnoreCase) || typed.Contains(candidate, StringComparison.OrdinalIgnoreCase))
        {
            return 1;
        }

        // A mistyped prefix of a longer code ("route.iv.singel" for "route.iv.single-infusion") is close too.
        var a = typed.ToUpperInvariant();
        var b = candidate.ToUpperInvariant();
        var prefix = b.Length > a.Length ? Distance(a, b[..a.Length]) + 1 : int.MaxValue;
        return Math.Min(Distance(a, b), prefix);
    }

    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}

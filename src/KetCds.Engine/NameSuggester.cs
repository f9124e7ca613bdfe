namespace KetCds.Engine;

/// <summary>Finds the known name closest to a misspelt one, for "did you mean" hints.</summary>
public static class NameSuggester
{
    /// <summary>The known name nearest to <paramref name="unknown"/>, or null when none is close enough to be a likely typo.</summary>
    public static string? Suggest(string unknown, IEnumerable<string> known)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in known.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            var distance = Distance(unknown, candidate);
            if (distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }

        // Beyond a third of the name's length a "suggestion" is usually noise; a very short name gets one edit at most.
        var limit = unknown.Length <= 3 ? 1 : Math.Max(2, unknown.Length / 3);
        return bestDistance <= limit ? best : null;
    }

    /// <summary>Edit distance where swapping two neighbouring letters counts as one edit, the commonest typo.</summary>
    public static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = char.ToLowerInvariant(a[i - 1]) == char.ToLowerInvariant(b[j - 1]) ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}

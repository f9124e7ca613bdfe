namespace KetCds.Cli.Tests.Readme;

/// <summary>
/// Compares what a README shows with what a command printed: line by line, where a line holding only <c>…</c> stands
/// for any number of lines (the README shortens long output that way).
/// </summary>
internal static class TranscriptMatch
{
    /// <summary>Null when <paramref name="actual"/> fits <paramref name="expected"/>; otherwise the first line that does not.</summary>
    public static string? Mismatch(IReadOnlyList<string> expected, IReadOnlyList<string> actual)
    {
        var a = 0;
        for (var e = 0; e < expected.Count; e++)
        {
            if (expected[e] == "…")
            {
                if (e + 1 == expected.Count)
                {
                    return null;
                }

                var next = expected[e + 1];
                while (a < actual.Count && !Fits(next, actual[a]))
                {
                    a++;
                }

                if (a == actual.Count)
                {
                    return $"expected a line '{next}' after the elision; not printed";
                }

                continue;
            }

            if (a >= actual.Count)
            {
                return $"expected '{expected[e]}'; the output ended";
            }

            if (!Fits(expected[e], actual[a]))
            {
                return $"expected '{expected[e]}'\n  printed '{actual[a]}'";
            }

            a++;
        }

        return a == actual.Count ? null : $"printed more than the README shows, from '{actual[a]}'";
    }

    /// <summary>Null when every non-blank, non-elision line of <paramref name="expected"/> occurs in <paramref name="actual"/> in order.</summary>
    public static string? MissingInOrder(IReadOnlyList<string> expected, IReadOnlyList<string> actual)
    {
        var a = 0;
        foreach (var line in expected.Where(static l => l.Length > 0 && l != "…"))
        {
            while (a < actual.Count && !Fits(line, actual[a]))
            {
                a++;
            }

            if (a == actual.Count)
            {
                return $"'{line}' is not in the file (in this order)";
            }

            a++;
        }

        return null;
    }

    /// <summary>
    /// Whether a printed line is the README's line, where a <c>…</c> inside the README's line stands for any text (a long
    /// table row or claim shortened).
    /// </summary>
    private static bool Fits(string expected, string actual)
    {
        if (expected == actual)
        {
            return true;
        }

        var parts = expected.Split('…');
        if (parts.Length == 1 || !actual.StartsWith(parts[0], StringComparison.Ordinal) || !actual.EndsWith(parts[^1], StringComparison.Ordinal))
        {
            return false;
        }

        var at = parts[0].Length;
        foreach (var part in parts[1..^1])
        {
            at = actual.IndexOf(part, at, StringComparison.Ordinal);
            if (at < 0)
            {
                return false;
            }

            at += part.Length;
        }

        return at <= actual.Length - parts[^1].Length;
    }
}

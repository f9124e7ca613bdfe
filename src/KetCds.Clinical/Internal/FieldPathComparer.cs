namespace KetCds.Clinical.Internal;

/// <summary>Orders field paths as a reader expects: ordinal, except that runs of digits compare as numbers (<c>trials[9]</c> before <c>trials[10]</c>).</summary>
internal sealed class FieldPathComparer : IComparer<string>
{
    public static FieldPathComparer Instance { get; } = new();

    public int Compare(string? x, string? y)
    {
        if (x is null || y is null)
        {
            return x is null ? (y is null ? 0 : -1) : 1;
        }

        int i = 0, j = 0;
        while (i < x.Length && j < y.Length)
        {
            if (char.IsAsciiDigit(x[i]) && char.IsAsciiDigit(y[j]))
            {
                var (xStart, yStart) = (i, j);
                while (i < x.Length && char.IsAsciiDigit(x[i]))
                {
                    i++;
                }

                while (j < y.Length && char.IsAsciiDigit(y[j]))
                {
                    j++;
                }

                var byNumber = CompareNumbers(x.AsSpan(xStart, i - xStart), y.AsSpan(yStart, j - yStart));
                if (byNumber != 0)
                {
                    return byNumber;
                }

                continue;
            }

            var byChar = x[i].CompareTo(y[j]);
            if (byChar != 0)
            {
                return byChar;
            }

            i++;
            j++;
        }

        return (x.Length - i).CompareTo(y.Length - j);
    }

    // Digit runs of any length (an index can be longer than any integer type) compare by length once leading zeros go.
    private static int CompareNumbers(ReadOnlySpan<char> x, ReadOnlySpan<char> y)
    {
        x = x.TrimStart('0');
        y = y.TrimStart('0');
        return x.Length != y.Length ? x.Length.CompareTo(y.Length) : x.SequenceCompareTo(y);
    }
}

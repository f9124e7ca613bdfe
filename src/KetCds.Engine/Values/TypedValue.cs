using System.Collections.Immutable;
using System.Globalization;

namespace KetCds.Engine;

/// <summary>An immutable, typed value of a fact or of a literal in a rule.</summary>
/// <remarks>
/// Durations are held in hours so that values given in different units compare exactly;
/// enum sets are held sorted and de-duplicated so equal sets are equal values.
/// </remarks>
public sealed class TypedValue : IEquatable<TypedValue>, IComparable<TypedValue>
{
    private static readonly decimal[] HoursPerUnit = [1m, 24m, 168m, 730.5m, 8766m];

    private TypedValue(FactType type, decimal number, string? symbol, ImmutableArray<string> symbols)
    {
        Type = type;
        Number = number;
        Symbol = symbol;
        Symbols = symbols.IsDefault ? [] : symbols;
    }

    /// <summary>The type of this value.</summary>
    public FactType Type { get; }

    /// <summary>The numeric payload: 0/1 for booleans, the number, hours for durations, the day number for dates.</summary>
    public decimal Number { get; }

    /// <summary>The symbol of an enum value; null for other types.</summary>
    public string? Symbol { get; }

    /// <summary>The sorted, distinct symbols of an enum-set value; empty for other types.</summary>
    public ImmutableArray<string> Symbols { get; }

    /// <summary>The value as a boolean (only for <see cref="FactType.Boolean"/>).</summary>
    public bool AsBoolean => Number != 0m;

    /// <summary>The value as a date (only for <see cref="FactType.Date"/>).</summary>
    public DateOnly AsDate => DateOnly.FromDayNumber((int)Number);

    /// <summary>Creates a boolean value.</summary>
    public static TypedValue Boolean(bool value) => value ? True : False;

    /// <summary>Creates an integer value.</summary>
    public static TypedValue Integer(long value) => new(FactType.Integer, value, null, default);

    /// <summary>Creates a decimal value.</summary>
    public static TypedValue Decimal(decimal value) => new(FactType.Decimal, value, null, default);

    /// <summary>Creates an enum value.</summary>
    public static TypedValue Enum(string symbol)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(symbol);
        return new(FactType.Enum, 0m, symbol, default);
    }

    /// <summary>Creates an enum-set value; order and duplicates in <paramref name="symbols"/> do not matter.</summary>
    public static TypedValue EnumSet(IEnumerable<string> symbols)
    {
        ArgumentNullException.ThrowIfNull(symbols);
        // Sorted in place and de-duplicated by one pass: a patient's sets are built on every clinical evaluation.
        var sorted = symbols.ToArray();
        Array.Sort(sorted, StringComparer.Ordinal);
        var distinct = 0;
        for (var i = 0; i < sorted.Length; i++)
        {
            if (distinct == 0 || !string.Equals(sorted[i], sorted[distinct - 1], StringComparison.Ordinal))
            {
                sorted[distinct++] = sorted[i];
            }
        }

        return new(FactType.EnumSet, 0m, null, System.Runtime.InteropServices.ImmutableCollectionsMarshal.AsImmutableArray(distinct == sorted.Length ? sorted : sorted[..distinct]));
    }

    /// <summary>Creates a duration value.</summary>
    public static TypedValue Duration(decimal amount, DurationUnit unit) =>
        new(FactType.Duration, amount * HoursPerUnit[(int)unit], null, default);

    /// <summary>Creates a date value.</summary>
    public static TypedValue Date(DateOnly date) => new(FactType.Date, date.DayNumber, null, default);

    /// <summary>The boolean true.</summary>
    public static TypedValue True { get; } = new(FactType.Boolean, 1m, null, default);

    /// <summary>The boolean false.</summary>
    public static TypedValue False { get; } = new(FactType.Boolean, 0m, null, default);

    /// <summary>Compares two values of the same ordered type (integer, decimal, duration, date); integers and decimals compare with each other.</summary>
    /// <exception cref="ArgumentException">The two have no common order: an unordered type (boolean, enum, set) or two different types.</exception>
    public int CompareTo(TypedValue? other)
    {
        if (other is null)
        {
            return 1;
        }

        // Every value carries a number (a symbol's is 0), so comparing across types would silently answer nonsense.
        var comparable = Type is FactType.Integer or FactType.Decimal or FactType.Duration or FactType.Date
            && (Type == other.Type || (IsNumeric(Type) && IsNumeric(other.Type)));
        if (!comparable)
        {
            throw new ArgumentException($"{Type} and {other.Type} values have no common order", nameof(other));
        }

        return Number.CompareTo(other.Number);
    }

    /// <summary>Whether this enum-set value contains <paramref name="symbol"/>, or this enum value is <paramref name="symbol"/>.</summary>
    public bool Contains(string symbol) =>
        Type == FactType.Enum ? string.Equals(Symbol, symbol, StringComparison.Ordinal) : Symbols.BinarySearch(symbol, StringComparer.Ordinal) >= 0;

    /// <inheritdoc />
    public bool Equals(TypedValue? other)
    {
        if (other is null)
        {
            return false;
        }

        if (ReferenceEquals(this, other))
        {
            return true;
        }

        var numeric = IsNumeric(Type) && IsNumeric(other.Type);
        if (!numeric && Type != other.Type)
        {
            return false;
        }

        return Type switch
        {
            FactType.Enum => string.Equals(Symbol, other.Symbol, StringComparison.Ordinal),
            FactType.EnumSet => Symbols.SequenceEqual(other.Symbols, StringComparer.Ordinal),
            _ => Number == other.Number,
        };
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as TypedValue);

    /// <inheritdoc />
    public override int GetHashCode() => Type switch
    {
        FactType.Enum => StringComparer.Ordinal.GetHashCode(Symbol!),
        FactType.EnumSet => Symbols.Aggregate(17, (h, s) => HashCode.Combine(h, StringComparer.Ordinal.GetHashCode(s))),
        _ => Number.GetHashCode(),
    };

    /// <summary>A canonical, culture-invariant rendering used in explanations and in the rule-set hash.</summary>
    public override string ToString() => Type switch
    {
        FactType.Boolean => AsBoolean ? "true" : "false",
        FactType.Integer or FactType.Decimal => Format(Number),
        FactType.Enum => Symbol!,
        FactType.EnumSet => "[" + string.Join(", ", Symbols) + "]",
        FactType.Duration => FormatDuration(Number),
        FactType.Date => AsDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        _ => Format(Number),
    };

    internal static bool IsNumeric(FactType type) => type is FactType.Integer or FactType.Decimal;

    private static string FormatDuration(decimal hours)
    {
        // Render in the unit whose exact quotient has the fewest decimal places, larger units first on a tie,
        // so "3 months" and "1.5 months" read back as written and 36 hours does not become "1.5 days".
        string[] names = ["hour", "day", "week", "month", "year"];
        var best = 0;
        var bestAmount = hours;
        var bestScale = int.MaxValue;
        for (var i = HoursPerUnit.Length - 1; i >= 0 && hours != 0m; i--)
        {
            var amount = hours / HoursPerUnit[i];
            var scale = Scale(amount);
            if (amount * HoursPerUnit[i] == hours && scale < bestScale)
            {
                (best, bestAmount, bestScale) = (i, amount, scale);
            }
        }

        var text = Format(bestAmount);
        return text + " " + names[best] + (text == "1" ? string.Empty : "s");
    }

    /// <summary>Invariant decimal text without trailing zeros or exponent, so 2.50 and 2.5 render (and hash) alike.</summary>
    private static string Format(decimal number) => number.ToString("0.############################", CultureInfo.InvariantCulture);

    private static int Scale(decimal number) => Format(number) is var text && text.IndexOf('.', StringComparison.Ordinal) is var dot and >= 0 ? text.Length - dot - 1 : 0;
}

using System.Collections.Immutable;
using System.Globalization;
using System.Text.RegularExpressions;
using KetCds.Engine;
using KetCds.Rules.Internal.Vocabulary;
using KetCds.Rules.Internal.Yaml;

namespace KetCds.Rules.Internal.Rules;

/// <summary>Parses literals written in rules by the declared type of the fact or attribute they belong to.</summary>
internal static partial class LiteralParser
{
    /// <summary>Parses <paramref name="node"/> as a value of <paramref name="type"/>; null after reporting a bad literal.</summary>
    /// <param name="file">Where errors go.</param>
    /// <param name="node">The literal.</param>
    /// <param name="type">The declared type.</param>
    /// <param name="allowed">The allowed symbols of an enum or set.</param>
    /// <param name="subject">"fact 'x'" or "attribute 'y'", for messages.</param>
    public static TypedValue? Parse(FileScope file, YamlNode node, FactType type, ImmutableArray<string> allowed, string subject)
    {
        if (type == FactType.EnumSet)
        {
            if (node is not YamlSequenceNode list)
            {
                file.Error(node, $"{subject} is a set: write a list such as [a, b], not {FileScope.Describe(node)}");
                return null;
            }

            var symbols = Symbols(file, list, allowed, subject);
            return symbols is null ? null : TypedValue.EnumSet(symbols);
        }

        if (node is not YamlScalarNode scalar || FileScope.IsNull(node) || scalar.Value is null)
        {
            var hint = type == FactType.Enum && node is YamlSequenceNode ? "; to allow several values use 'in: [a, b]'" : string.Empty;
            file.Error(node, $"{subject} takes a single {TypeNames.Name(type)} value, not {FileScope.Describe(node)}{hint}");
            return null;
        }

        var text = scalar.Value.Trim();
        var value = type switch
        {
            FactType.Boolean => text switch { "true" => TypedValue.True, "false" => TypedValue.False, _ => null },
            FactType.Integer => long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var i) ? TypedValue.Integer(i) : null,
            FactType.Decimal => ParseDecimal(text) is { } d ? TypedValue.Decimal(d) : null,
            FactType.Duration => ParseDuration(text),
            FactType.Date => DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? TypedValue.Date(date) : null,
            _ => Symbol(file, scalar, allowed, subject) is { } symbol ? TypedValue.Enum(symbol) : null,
        };

        if (value is null && type != FactType.Enum)
        {
            file.Error(node, $"{subject} is {TypeNames.Article(type)}: {Expected(type)}, not '{text}'");
        }

        return value;
    }

    /// <summary>The symbols of a non-empty list, each checked against <paramref name="allowed"/>; null after reporting.</summary>
    public static ImmutableArray<string>? Symbols(FileScope file, YamlSequenceNode list, ImmutableArray<string> allowed, string subject)
    {
        var symbols = new List<string>(list.Children.Count);
        var ok = true;
        foreach (var item in list.Children)
        {
            if (Symbol(file, item, allowed, subject) is { } symbol)
            {
                symbols.Add(symbol);
            }
            else
            {
                ok = false;
            }
        }

        return ok ? [.. symbols] : null;
    }

    /// <summary>Parses <c>"&lt;number&gt; &lt;unit&gt;"</c>; null when the text is not a duration.</summary>
    public static TypedValue? ParseDuration(string text)
    {
        var match = DurationPattern().Match(text);
        if (!match.Success || ParseDecimal(match.Groups[1].Value) is not { } amount)
        {
            return null;
        }

        var unit = match.Groups[2].Value switch
        {
            "hour" or "hours" => DurationUnit.Hours,
            "day" or "days" => DurationUnit.Days,
            "week" or "weeks" => DurationUnit.Weeks,
            "month" or "months" => DurationUnit.Months,
            _ => DurationUnit.Years,
        };
        // Held in hours without trailing zeros, so "120 months" and "10 years" are the same literal in the content hash too.
        return TypedValue.Duration(Normalize(TypedValue.Duration(amount, unit).Number), DurationUnit.Hours);
    }

    private static string? Symbol(FileScope file, YamlNode node, ImmutableArray<string> allowed, string subject)
    {
        if (node is not YamlScalarNode { Value: { } text } || FileScope.IsNull(node))
        {
            file.Error(node, $"a value of {subject} must be a single word, not {FileScope.Describe(node)}");
            return null;
        }

        if (allowed.Contains(text, StringComparer.Ordinal))
        {
            return text;
        }

        file.Error(node, $"'{text}' is not an allowed value of {subject} (allowed: {string.Join(", ", allowed)})", NameSuggester.Suggest(text, allowed));
        return null;
    }

    private static decimal? ParseDecimal(string text) =>
        decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) ? Normalize(value) : null;

    /// <summary>
    /// Drops trailing zeros (1.50 becomes 1.5): equal decimals of different scale render differently, and the rendering
    /// feeds the rule set's content hash, which must not depend on how a number was written.
    /// </summary>
    private static decimal Normalize(decimal value) => value / 1.000000000000000000000000000000000m;

    private static string Expected(FactType type) => type switch
    {
        FactType.Boolean => "write true or false",
        FactType.Integer => "write a whole number",
        FactType.Decimal => "write a number such as 2.5",
        FactType.Duration => "write a number and a unit (hours, days, weeks, months, years) such as '3 months'",
        _ => "write YYYY-MM-DD",
    };

    [GeneratedRegex(@"^([0-9]+(?:\.[0-9]+)?)\s+(hours?|days?|weeks?|months?|years?)$", RegexOptions.CultureInvariant)]
    private static partial Regex DurationPattern();
}

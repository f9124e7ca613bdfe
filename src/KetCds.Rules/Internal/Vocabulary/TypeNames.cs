using System.Collections.Immutable;
using KetCds.Engine;

namespace KetCds.Rules.Internal.Vocabulary;

/// <summary>The type names of the rule-file language and how they read in messages.</summary>
internal static class TypeNames
{
    public static ImmutableArray<string> All { get; } = ["boolean", "integer", "decimal", "enum", "set", "duration", "date"];

    public static FactType? Parse(string name) => name switch
    {
        "boolean" => FactType.Boolean,
        "integer" => FactType.Integer,
        "decimal" => FactType.Decimal,
        "enum" => FactType.Enum,
        "set" => FactType.EnumSet,
        "duration" => FactType.Duration,
        "date" => FactType.Date,
        _ => null,
    };

    public static string Name(FactType type) => type switch
    {
        FactType.Boolean => "boolean",
        FactType.Integer => "integer",
        FactType.Decimal => "decimal",
        FactType.Enum => "enum",
        FactType.EnumSet => "set",
        FactType.Duration => "duration",
        _ => "date",
    };

    /// <summary>"a boolean", "an integer", … for messages.</summary>
    public static string Article(FactType type) => type switch
    {
        FactType.Boolean => "a boolean",
        FactType.Integer => "an integer",
        FactType.Decimal => "a decimal",
        FactType.Enum => "an enum",
        FactType.EnumSet => "a set",
        FactType.Duration => "a duration",
        _ => "a date",
    };

    public static bool IsOrdered(FactType type) => type is FactType.Integer or FactType.Decimal or FactType.Duration or FactType.Date;

    public static bool HasValues(FactType type) => type is FactType.Enum or FactType.EnumSet;
}

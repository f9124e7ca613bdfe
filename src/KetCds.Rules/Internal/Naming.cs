using System.Collections.Immutable;
using System.Text.RegularExpressions;

namespace KetCds.Rules.Internal;

/// <summary>The name formats and fixed word lists of the rule-file language.</summary>
internal static partial class Naming
{
    public static ImmutableArray<string> ReservedWords { get; } = ["all", "any", "not", "known", "absent"];

    public static ImmutableArray<string> DocumentKinds { get; } = ["review-article", "clinic-article", "product-promotion"];

    public static ImmutableArray<string> Topics { get; } =
    [
        "eligibility", "condition", "duration", "route", "maintenance", "risk", "benefit", "interaction",
        "mechanism", "evidence-quality", "adjunct", "setting", "promotion",
    ];

    [GeneratedRegex("^[a-z0-9-]+$", RegexOptions.CultureInvariant)]
    public static partial Regex RuleSetName();

    [GeneratedRegex(@"^[0-9]+\.[0-9]+(\.[0-9]+)?(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$", RegexOptions.CultureInvariant)]
    public static partial Regex Version();

    /// <summary>Facts, attributes and enum values.</summary>
    [GeneratedRegex("^[a-z][a-z0-9_]*$", RegexOptions.CultureInvariant)]
    public static partial Regex Symbol();

    [GeneratedRegex(@"^[a-z0-9]+(\.[a-z0-9-]+)+$", RegexOptions.CultureInvariant)]
    public static partial Regex ClaimId();

    [GeneratedRegex("^[a-z0-9]+([.-][a-z0-9]+)*$", RegexOptions.CultureInvariant)]
    public static partial Regex RuleId();

    [GeneratedRegex("^[a-z0-9]+([._-][a-z0-9]+)*$", RegexOptions.CultureInvariant)]
    public static partial Regex OutcomeCode();
}

using System.Globalization;
using KetCds.Contracts.V1;

namespace KetCds.CdsHooks.Internal.Cards;

/// <summary>Contract values in words for card text: names only, never clinical statements of our own.</summary>
internal static class Words
{
    public static string Status(EligibilityStatus status) => status switch
    {
        EligibilityStatus.Eligible => "eligible",
        EligibilityStatus.NotEligible => "not eligible",
        EligibilityStatus.NeedsReview => "needs clinician review",
        _ => "not decided",
    };

    public static string Route(Contracts.V1.Route route) => route switch
    {
        Contracts.V1.Route.Iv => "IV",
        _ => Enum(route.ToString()),
    };

    public static string Protocol(RouteProtocol protocol) => Enum(protocol.ToString());

    public static string Kind(SourceKind kind) => kind switch
    {
        SourceKind.ReviewArticle => "review article",
        SourceKind.ClinicArticle => "clinic article",
        SourceKind.ProductPromotion => "product promotion",
        _ => "other source",
    };

    public static string Adjustment(Adjustment adjustment) => Enum(adjustment.ToString());

    public static string Relief(ReliefRange? range)
    {
        if (range is null)
        {
            return "not stated";
        }

        return range.Kind switch
        {
            ReliefRangeKind.Bounded when range.Lower.Value.Equals(range.Upper.Value) && range.Lower.Unit == range.Upper.Unit => Amount(range.Lower),
            ReliefRangeKind.Bounded when range.Lower.Unit == range.Upper.Unit => $"{Number(range.Lower.Value)} to {Amount(range.Upper)}",
            ReliefRangeKind.Bounded => $"{Amount(range.Lower)} to {Amount(range.Upper)}",
            ReliefRangeKind.AtLeast => $"at least {Amount(range.Lower)}",
            ReliefRangeKind.UpTo => $"up to {Amount(range.Upper)}",
            ReliefRangeKind.OnlyWhileAdministered => "only while it is being given",
            _ => "not stated",
        };
    }

    /// <summary>A request field path as words: <c>patient.history.liver_dysfunction</c> becomes <c>history: liver dysfunction</c>.</summary>
    public static string Field(string path)
    {
        var parts = path.Split('.');
        var relevant = parts.Length > 1 && parts[0] == "patient" ? parts[1..] : parts;
        var leaf = relevant[^1].Replace('_', ' ');
        return relevant.Length > 1 ? $"{relevant[^2].Replace('_', ' ')}: {leaf}" : leaf;
    }

    public static string Bool(bool value) => value ? "yes" : "no";

    /// <summary>Cuts <paramref name="text"/> to at most <paramref name="max"/> characters, ending in an ellipsis when cut.</summary>
    public static string Fit(string text, int max = 140) =>
        text.Length <= max ? text : string.Concat(text.AsSpan(0, max - 1).TrimEnd(), "…");

    private static string Amount(TimeAmount amount)
    {
        var unit = amount.Unit switch
        {
            TimeUnit.Hours => "hour",
            TimeUnit.Days => "day",
            TimeUnit.Weeks => "week",
            TimeUnit.Months => "month",
            _ => "unit",
        };
        return $"{Number(amount.Value)} {unit}{(amount.Value.Equals(1d) ? string.Empty : "s")}";
    }

    private static string Number(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    private static string Enum(string pascal)
    {
        var builder = new System.Text.StringBuilder(pascal.Length + 8);
        for (var i = 0; i < pascal.Length; i++)
        {
            if (i > 0 && char.IsUpper(pascal[i]))
            {
                builder.Append(' ');
            }

            builder.Append(char.ToLowerInvariant(pascal[i]));
        }

        return builder.ToString();
    }
}

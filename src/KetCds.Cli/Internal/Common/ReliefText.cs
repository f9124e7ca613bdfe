using System.Globalization;
using KetCds.Contracts.V1;

namespace KetCds.Cli.Internal.Common;

/// <summary>Writes relief ranges as clinicians read them: "3 weeks – 3 months", "up to 1 week", "at least 2 days".</summary>
internal static class ReliefText
{
    public static string Format(ReliefRange? range)
    {
        if (range is null)
        {
            return "no range given";
        }

        return range.Kind switch
        {
            ReliefRangeKind.Bounded when range.Lower is { } lower && range.Upper is { } upper => Bounded(lower, upper),
            ReliefRangeKind.AtLeast when range.Lower is { } lower => "at least " + Amount(lower),
            ReliefRangeKind.UpTo when range.Upper is { } upper => "up to " + Amount(upper),
            ReliefRangeKind.OnlyWhileAdministered => "only while administered",
            _ => "unspecified range",
        };
    }

    public static string Amount(TimeAmount amount)
    {
        var number = amount.Value.ToString("0.##", CultureInfo.InvariantCulture);
        return number + " " + Unit(amount.Unit, amount.Value);
    }

    private static string Bounded(TimeAmount lower, TimeAmount upper) =>
        lower.Unit == upper.Unit && lower.Value == upper.Value ? "about " + Amount(upper)
        : lower.Unit == upper.Unit
            ? $"{lower.Value.ToString("0.##", CultureInfo.InvariantCulture)}–{Amount(upper)}"
            : $"{Amount(lower)} – {Amount(upper)}";

    private static string Unit(TimeUnit unit, double value)
    {
        var singular = unit switch
        {
            TimeUnit.Hours => "hour",
            TimeUnit.Days => "day",
            TimeUnit.Weeks => "week",
            TimeUnit.Months => "month",
            _ => "unit",
        };
        return value == 1d ? singular : singular + "s";
    }
}

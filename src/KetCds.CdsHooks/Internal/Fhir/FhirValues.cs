using System.Globalization;
using Hl7.Fhir.Model;

namespace KetCds.CdsHooks.Internal.Fhir;

/// <summary>Small readers for FHIR values the mapper needs: dates to the day, and a resource's label.</summary>
internal static class FhirValues
{
    /// <summary>The day of a dateTime or of a Period's start; false for partial dates (year or month only) and other types.</summary>
    public static bool TryDay(DataType? value, out DateOnly day)
    {
        var text = value switch
        {
            FhirDateTime dateTime => dateTime.Value,
            Date date => date.Value,
            Period period => period.Start,
            _ => null,
        };
        return TryDay(text, out day);
    }

    /// <summary>The day of a FHIR date or dateTime string; false unless it has year, month and day.</summary>
    public static bool TryDay(string? text, out DateOnly day)
    {
        day = default;
        return text is { Length: >= 10 }
            && DateOnly.TryParseExact(text.AsSpan(0, 10), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day);
    }

    /// <summary>Whole months from <paramref name="from"/> to <paramref name="to"/>, counting a month only once its day is reached.</summary>
    public static int WholeMonths(DateOnly from, DateOnly to)
    {
        var months = (to.Year - from.Year) * 12 + to.Month - from.Month;
        return to.Day < from.Day && !IsLastDayOfMonth(to) ? months - 1 : months;
    }

    /// <summary>Whole years from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public static int WholeYears(DateOnly from, DateOnly to) => WholeMonths(from, to) / 12;

    /// <summary><c>Type/id</c> of a resource, for messages.</summary>
    public static string Label(Resource resource) => $"{resource.TypeName}/{resource.Id ?? "(no id)"}";

    /// <summary>The codings of a concept as <c>system|code (display)</c>, for messages.</summary>
    public static string Describe(CodeableConcept concept) =>
        string.Join(", ", concept.Coding.Select(c => c.Display is null ? $"{c.System}|{c.Code}" : $"{c.System}|{c.Code} ({c.Display})"))
        is { Length: > 0 } codes ? codes : concept.Text ?? "(no coding)";

    private static bool IsLastDayOfMonth(DateOnly day) => day.Day == DateTime.DaysInMonth(day.Year, day.Month);
}

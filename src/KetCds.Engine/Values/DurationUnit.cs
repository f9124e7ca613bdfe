namespace KetCds.Engine;

/// <summary>A unit for <see cref="FactType.Duration"/> values.</summary>
public enum DurationUnit
{
    /// <summary>Hours.</summary>
    Hours,

    /// <summary>Days (24 hours).</summary>
    Days,

    /// <summary>Weeks (7 days).</summary>
    Weeks,

    /// <summary>Months, taken as 30.4375 days (a Gregorian year over twelve) so comparisons are well defined.</summary>
    Months,

    /// <summary>Years of 12 months.</summary>
    Years,
}

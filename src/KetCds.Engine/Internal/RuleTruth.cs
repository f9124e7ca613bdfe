namespace KetCds.Engine.Internal;

/// <summary>What one evaluation established about a rule.</summary>
internal enum RuleTruth : byte
{
    /// <summary>
    /// Not evaluated because its guard fact was missing, so it cannot have fired. The zero value, so that the
    /// thousands of rules a case cannot touch cost no write at all.
    /// </summary>
    Skipped = 0,

    /// <summary>Its condition was false.</summary>
    False = 1,

    /// <summary>Its condition was unknown because of missing data.</summary>
    Unknown = 2,

    /// <summary>It fired.</summary>
    Fired = 3,
}

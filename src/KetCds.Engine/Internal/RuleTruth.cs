namespace KetCds.Engine.Internal;

/// <summary>What one evaluation established about a rule.</summary>
internal enum RuleTruth : byte
{
    /// <summary>Its condition was false.</summary>
    False = 0,

    /// <summary>Its condition was unknown because of missing data.</summary>
    Unknown = 1,

    /// <summary>It fired.</summary>
    Fired = 2,

    /// <summary>It was skipped because its guard fact was missing; it cannot have fired.</summary>
    Skipped = 3,
}

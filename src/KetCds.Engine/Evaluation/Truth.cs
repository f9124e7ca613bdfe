namespace KetCds.Engine;

/// <summary>A three-valued truth: missing data makes a test unknown, not false.</summary>
public enum Truth : byte
{
    /// <summary>Definitely false.</summary>
    False = 0,

    /// <summary>Undecided because a fact it depends on is unknown.</summary>
    Unknown = 1,

    /// <summary>Definitely true.</summary>
    True = 2,
}

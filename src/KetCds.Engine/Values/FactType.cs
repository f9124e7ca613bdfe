namespace KetCds.Engine;

/// <summary>The type of a fact declared in a rule set's vocabulary.</summary>
public enum FactType
{
    /// <summary>True or false.</summary>
    Boolean,

    /// <summary>A whole number.</summary>
    Integer,

    /// <summary>A decimal number, optionally with a declared unit.</summary>
    Decimal,

    /// <summary>One symbol out of a declared list of allowed values.</summary>
    Enum,

    /// <summary>A set of symbols out of a declared list of allowed values.</summary>
    EnumSet,

    /// <summary>A length of time.</summary>
    Duration,

    /// <summary>A calendar date.</summary>
    Date,
}

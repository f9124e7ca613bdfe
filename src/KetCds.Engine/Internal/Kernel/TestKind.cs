namespace KetCds.Engine.Internal.Kernel;

/// <summary>The shape of one distinct atomic test over the dense layout.</summary>
internal enum TestKind : byte
{
    /// <summary>Holds when the fact is present (A = 1) or absent (A = 0).</summary>
    Presence,

    /// <summary>Integer lane equals A.</summary>
    Equal,

    /// <summary>Integer lane differs from A.</summary>
    NotEqual,

    /// <summary>A &lt;= integer lane &lt;= B (open bounds are the lane's extremes).</summary>
    Between,

    /// <summary>Integer lane shares a bit with the mask A.</summary>
    AnyBit,

    /// <summary>Integer lane shares no bit with the mask A.</summary>
    NoBit,

    /// <summary>Integer lane has every bit of the mask A.</summary>
    AllBits,

    /// <summary>Decimal lane compared with D by <see cref="ComparisonOperator"/> A.</summary>
    NumberCompare,

    /// <summary>Decimal lane within [D, E]; A bit 0 = has minimum, bit 1 = has maximum.</summary>
    NumberBetween,

    /// <summary>Read through <see cref="ConditionSemantics"/> on the boxed value.</summary>
    Boxed,
}

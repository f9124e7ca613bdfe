namespace KetCds.Engine.Internal.Kernel;

/// <summary>How one fact slot's value is held in the dense layout.</summary>
internal enum SlotKind : byte
{
    /// <summary>0 or 1 in the integer lane.</summary>
    Boolean,

    /// <summary>The number in the integer lane (integers and dates).</summary>
    Whole,

    /// <summary>One bit, 1 &lt;&lt; the symbol's index among the allowed values, in the integer lane.</summary>
    EnumBit,

    /// <summary>A bit mask of the symbols' indices in the integer lane.</summary>
    SetMask,

    /// <summary>The exact number in the decimal lane (decimals and durations in hours).</summary>
    Number,

    /// <summary>No dense encoding (an enum or set of more than 64 values): tests read the <see cref="TypedValue"/>.</summary>
    Boxed,
}

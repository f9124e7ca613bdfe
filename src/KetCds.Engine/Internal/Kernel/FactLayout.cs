using System.Collections.Frozen;

namespace KetCds.Engine.Internal.Kernel;

/// <summary>
/// The dense layout of a rule set's facts: per slot, how its value is encoded (an integer lane for booleans, whole
/// numbers, dates, enum bits and set masks; a decimal lane for decimals and durations), and the symbol indices.
/// </summary>
internal sealed class FactLayout
{
    /// <summary>Whole numbers are held in a long; inputs beyond this bound are refused so literal bounds never overflow.</summary>
    public const long WholeLimit = 1L << 62;

    public FactLayout(FactIndex index)
    {
        var count = index.Count;
        Kinds = new SlotKind[count];
        Types = new FactType[count];
        Symbols = new FrozenDictionary<string, int>?[count];
        SymbolValues = new TypedValue[]?[count];
        SymbolNames = new string[]?[count];
        for (var slot = 0; slot < count; slot++)
        {
            var definition = index.Definitions[slot];
            var values = definition.AllowedValues.IsDefault ? [] : definition.AllowedValues;
            Kinds[slot] = definition.Type switch
            {
                FactType.Boolean => SlotKind.Boolean,
                FactType.Integer or FactType.Date => SlotKind.Whole,
                FactType.Enum => values.Length <= 64 ? SlotKind.EnumBit : SlotKind.Boxed,
                FactType.EnumSet => values.Length <= 64 ? SlotKind.SetMask : SlotKind.Boxed,
                _ => SlotKind.Number,
            };
            Types[slot] = definition.Type;
            if (definition.Type is FactType.Enum or FactType.EnumSet)
            {
                Symbols[slot] = values.Select((v, i) => (v, i)).ToFrozenDictionary(p => p.v, p => p.i, StringComparer.Ordinal);
                SymbolNames[slot] = [.. values];
            }

            // One value per allowed symbol, made once: an enum input set by index needs no value made per evaluation.
            if (definition.Type == FactType.Enum)
            {
                SymbolValues[slot] = [.. values.Select(TypedValue.Enum)];
            }
        }
    }

    public SlotKind[] Kinds { get; }

    /// <summary>Per slot, the declared type.</summary>
    public FactType[] Types { get; }

    /// <summary>Per enum or set slot, its allowed symbols by index; null for other slots.</summary>
    public string[]?[] SymbolNames { get; }

    /// <summary>Per enum slot, the value of each allowed symbol by index; null for other slots.</summary>
    public TypedValue[]?[] SymbolValues { get; }

    /// <summary>Per enum or set slot, each allowed symbol's index; null for other slots.</summary>
    public FrozenDictionary<string, int>?[] Symbols { get; }

    /// <summary>A literal or supplied whole number in the integer lane, clamped just beyond the input range so comparisons stay exact.</summary>
    public static long Whole(decimal number) =>
        number > WholeLimit ? WholeLimit + 1 : number < -WholeLimit ? -WholeLimit - 1 : (long)number;

    /// <summary>The bit mask of <paramref name="symbols"/>, which the validator has checked are allowed values of the slot.</summary>
    public long Mask(int slot, System.Collections.Immutable.ImmutableArray<string> symbols)
    {
        var mask = 0L;
        foreach (var symbol in symbols)
        {
            mask |= 1L << Symbols[slot]![symbol];
        }

        return mask;
    }

    /// <summary>
    /// The value an input set by lane holds (see <see cref="Kernel.SetLane"/>): made only when something reads values
    /// (explanations, a snapshot), equal to the value that would have been supplied.
    /// </summary>
    public TypedValue ValueOf(int slot, long lane) => Kinds[slot] switch
    {
        SlotKind.Boolean => TypedValue.Boolean(lane != 0),
        SlotKind.Whole when Types[slot] == FactType.Date => TypedValue.Date(DateOnly.FromDayNumber((int)lane)),
        SlotKind.Whole => TypedValue.Integer(lane),
        SlotKind.EnumBit => SymbolValues[slot]![System.Numerics.BitOperations.TrailingZeroCount(lane)],
        SlotKind.SetMask => TypedValue.EnumSet(SymbolsOf(slot, lane)),
        _ => throw new InvalidOperationException($"slot {slot} holds no value in its integer lane"),
    };

    private IEnumerable<string> SymbolsOf(int slot, long mask)
    {
        var names = SymbolNames[slot]!;
        for (var i = 0; i < names.Length; i++)
        {
            if ((mask & (1L << i)) != 0)
            {
                yield return names[i];
            }
        }
    }

    /// <summary>Encodes a value already checked against the slot's type and allowed values into the integer lane.</summary>
    public long Lane(int slot, TypedValue value) => Kinds[slot] switch
    {
        SlotKind.Boolean or SlotKind.Whole => Whole(value.Number),
        SlotKind.EnumBit => 1L << Symbols[slot]![value.Symbol!],
        SlotKind.SetMask => Mask(slot, value.Symbols),
        _ => 0L,
    };
}

using System.Collections.Immutable;

namespace KetCds.Engine;

/// <summary>
/// An input fact of one compiled rule set, resolved by name once (per rule-set version) so that values can be set
/// into an <see cref="EvaluationBuffer"/> by position, with no names, <see cref="TypedValue"/>s or <see cref="FactSet"/>.
/// </summary>
public sealed class InputFact
{
    internal InputFact(CompiledRuleSet ruleSet, int slot, FactDefinition definition)
    {
        RuleSet = ruleSet;
        Slot = slot;
        Name = definition.Name;
        Type = definition.Type;
        Symbols = definition.AllowedValues.IsDefault ? [] : definition.AllowedValues;
    }

    /// <summary>The rule set the fact belongs to.</summary>
    public CompiledRuleSet RuleSet { get; }

    /// <summary>The fact's name.</summary>
    public string Name { get; }

    /// <summary>The fact's type.</summary>
    public FactType Type { get; }

    /// <summary>The allowed values of an enum or enum-set fact, in declaration order (a symbol's index is its position); empty otherwise.</summary>
    public ImmutableArray<string> Symbols { get; }

    /// <summary>The fact's position among the rule set's declared facts in ordinal name order (<see cref="MissingInput.Fact"/>).</summary>
    public int Index => Slot;

    internal int Slot { get; }

    /// <summary>The index of <paramref name="symbol"/> among <see cref="Symbols"/>, or -1 when it is not an allowed value.</summary>
    public int SymbolIndex(string symbol)
    {
        ArgumentNullException.ThrowIfNull(symbol);
        return RuleSet.Kernel.Layout.Symbols[Slot] is { } symbols && symbols.TryGetValue(symbol, out var index) ? index : -1;
    }
}

namespace KetCds.Engine;

/// <summary>Input facts checked against one rule set and encoded in its dense layout, ready to evaluate many times.</summary>
public sealed class BoundFacts
{
    internal BoundFacts(CompiledRuleSet ruleSet, int[] slots, TypedValue[] values, long[] lanes, decimal[] numbers)
    {
        Numbers = numbers;
        RuleSet = ruleSet;
        Slots = slots;
        Values = values;
        Lanes = lanes;
    }

    /// <summary>The rule set the facts were bound to.</summary>
    public CompiledRuleSet RuleSet { get; }

    /// <summary>How many facts are bound.</summary>
    public int Count => Slots.Length;

    /// <summary>Per bound fact, its slot; ascending, since facts are bound in name order and slots follow it.</summary>
    internal int[] Slots { get; }

    internal TypedValue[] Values { get; }

    /// <summary>Per bound fact, its integer lane (booleans, whole numbers, enum bits, set masks).</summary>
    internal long[] Lanes { get; }

    /// <summary>Per bound fact, its decimal lane (decimals, durations in hours).</summary>
    internal decimal[] Numbers { get; }
}

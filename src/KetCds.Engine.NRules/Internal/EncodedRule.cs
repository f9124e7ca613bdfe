namespace KetCds.Engine.NRules.Internal;

/// <summary>What the NRules actions need to know about one rule of the rule set.</summary>
internal sealed class EncodedRule
{
    public required int Index { get; init; }

    public required Rule Model { get; init; }

    /// <summary>The index of the derivation stage the rule belongs to, or -1 for a rule that derives nothing.</summary>
    public required int Stage { get; init; }

    /// <summary>The value the rule derives for each fact it derives (the first, when an action repeats a fact).</summary>
    public required IReadOnlyDictionary<string, TypedValue> Derives { get; init; }

    /// <summary>Derived facts of its own cyclic stage it derives, updated as soon as it fires so the stage's readers see them.</summary>
    public required string[] Targets { get; init; }
}

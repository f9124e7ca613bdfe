using NRules.RuleModel;

namespace KetCds.Engine.NRules.Internal;

/// <summary>
/// One declared fact in working memory. Immutable: a change is an <c>Update</c> with a new instance, which NRules
/// matches to the old one by <see cref="GetIdentity"/> (the fact's name), so every fact has exactly one item.
/// </summary>
/// <remarks>A class, not a record: value equality would make two evaluations' items the same fact to NRules.</remarks>
internal sealed class WorkingFact(string name, FactCondition condition, TypedValue? value, bool settled, int derivedBy) : IIdentityProvider
{
    public string Name { get; } = name;

    public FactCondition Condition { get; } = condition;

    public TypedValue? Value { get; } = value;

    /// <summary>Whether the fact is final: inputs always; derived facts once their stage has settled.</summary>
    public bool Settled { get; } = settled;

    /// <summary>The index of the rule whose derivation set the value, or -1.</summary>
    public int DerivedBy { get; } = derivedBy;

    public object GetIdentity() => Name;
}

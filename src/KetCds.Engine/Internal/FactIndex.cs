using System.Collections.Frozen;

namespace KetCds.Engine.Internal;

/// <summary>Maps fact names to slots. Slots follow ordinal name order so the layout does not depend on declaration order.</summary>
internal sealed class FactIndex
{
    public FactIndex(IEnumerable<FactDefinition> facts)
    {
        Definitions = facts.OrderBy(f => f.Name, StringComparer.Ordinal).ToArray();
        Slots = Definitions.Select((f, i) => (f.Name, i)).ToFrozenDictionary(p => p.Name, p => p.i, StringComparer.Ordinal);
        InitialStatus = [.. Definitions.Select(f => f.Origin == FactOrigin.Derived ? FactStatus.NotDerived : FactStatus.Missing)];
    }

    /// <summary>The status every slot starts an evaluation with, copied rather than recomputed per evaluation.</summary>
    public FactStatus[] InitialStatus { get; }

    public FactDefinition[] Definitions { get; }

    public FrozenDictionary<string, int> Slots { get; }

    public int Count => Definitions.Length;

    public bool TryGet(string name, out int slot) => Slots.TryGetValue(name, out slot);
}

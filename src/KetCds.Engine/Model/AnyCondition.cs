using System.Collections.Immutable;

namespace KetCds.Engine;

/// <summary>True when any item is true; false when every one is false; otherwise unknown.</summary>
/// <param name="Items">The disjuncts.</param>
public sealed record AnyCondition(ImmutableArray<Condition> Items) : Condition;

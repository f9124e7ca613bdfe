using System.Collections.Immutable;

namespace KetCds.Engine;

/// <summary>True when every item is true; false when any is false; otherwise unknown.</summary>
/// <param name="Items">The conjuncts.</param>
public sealed record AllCondition(ImmutableArray<Condition> Items) : Condition;

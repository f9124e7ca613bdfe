using System.Collections.Immutable;

namespace KetCds.Engine;

/// <summary>An absent input fact that would decide rules left undecided by missing data.</summary>
/// <param name="Fact">The absent input fact.</param>
/// <param name="UndecidedRules">The rules whose condition was unknown because of it, sorted.</param>
public sealed record MissingFact(string Fact, ImmutableArray<string> UndecidedRules);

using System.Collections.Immutable;

namespace KetCds.Engine;

/// <summary>Why a derived fact was not derived: each rule that could derive it, and what stopped it.</summary>
/// <param name="Fact">The derived fact.</param>
/// <param name="Rules">The rules that derive it.</param>
public sealed record WhyNotFact(string Fact, ImmutableArray<WhyNotRule> Rules);

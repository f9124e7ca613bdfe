using System.Collections.Immutable;

namespace KetCds.Engine;

/// <summary>The answer to "why was this outcome (not) produced?".</summary>
/// <param name="OutcomeCode">The outcome code asked about.</param>
/// <param name="Produced">Whether any rule produced it in this evaluation.</param>
/// <param name="Rules">Every rule that can produce it, sorted by id.</param>
public sealed record WhyNotReport(string OutcomeCode, bool Produced, ImmutableArray<WhyNotRule> Rules);

using System.Collections.Immutable;
using KetCds.Engine;

namespace KetCds.Rules;

/// <summary>
/// A family of outcomes a consumer recognises by kind and code prefix: at least one rule must emit one (so a renamed
/// prefix cannot silently empty a result field), and each must carry <paramref name="RequiredAttributes"/>.
/// </summary>
/// <param name="Kind">The outcomes' kind.</param>
/// <param name="CodePrefix">The code prefix, such as <c>relief.</c>; empty for every outcome of the kind.</param>
/// <param name="RequiredAttributes">Attributes each such outcome must carry.</param>
/// <param name="Purpose">What the consumer makes of them, for the error message.</param>
public sealed record ExpectedOutcome(OutcomeKind Kind, string CodePrefix, ImmutableArray<string> RequiredAttributes, string Purpose);

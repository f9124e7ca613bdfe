using System.Collections.Immutable;
using KetCds.Engine;

namespace KetCds.Rules;

/// <summary>
/// A fact a consumer supplies (an input) or reads (a derived fact). An input may be left undeclared (the consumer then
/// leaves it out, as for a rule set older than the field) but, when declared, must have this type and allow every one
/// of <paramref name="Values"/>; every declared input must be one some consumer supplies. A derived fact must be
/// declared, with this type, and allow no value outside <paramref name="Values"/>.
/// </summary>
/// <param name="Name">The fact's name in the vocabulary.</param>
/// <param name="Type">Its type.</param>
/// <param name="Origin">Whether the consumer supplies it (input) or reads it (derived).</param>
/// <param name="Values">For enum and set facts: the values an input may carry, or the values a derived fact may take.</param>
/// <param name="Purpose">Where the value comes from or goes, for the error message (a request field, a result field).</param>
public sealed record ExpectedFact(string Name, FactType Type, FactOrigin Origin, ImmutableArray<string> Values, string Purpose);

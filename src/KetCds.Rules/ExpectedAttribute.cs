using System.Collections.Immutable;
using KetCds.Engine;

namespace KetCds.Rules;

/// <summary>An outcome attribute a consumer reads: it must be declared with this type and allow no value the consumer cannot read.</summary>
/// <param name="Name">The attribute's name in the vocabulary.</param>
/// <param name="Type">Its type.</param>
/// <param name="Values">For enum and set attributes: every value the consumer understands.</param>
/// <param name="Purpose">What the consumer turns it into, for the error message.</param>
public sealed record ExpectedAttribute(string Name, FactType Type, ImmutableArray<string> Values, string Purpose);

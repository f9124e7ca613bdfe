using System.Collections.Immutable;
using KetCds.Engine;

namespace KetCds.Rules;

/// <summary>A typed attribute that outcomes may carry, as declared under <c>attributes:</c> in the vocabulary.</summary>
/// <param name="Name">The attribute's unique name.</param>
/// <param name="Type">The type of its values.</param>
/// <param name="Description">A plain-language description.</param>
/// <param name="AllowedValues">The allowed symbols for enum and set attributes; empty otherwise.</param>
/// <param name="Unit">The unit of an integer or decimal attribute, if any.</param>
/// <param name="Location">Where the attribute was declared.</param>
public sealed record AttributeDefinition(
    string Name,
    FactType Type,
    string Description,
    ImmutableArray<string> AllowedValues,
    string? Unit,
    SourceLocation Location);

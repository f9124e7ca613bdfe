using System.Collections.Immutable;

namespace KetCds.Engine;

/// <summary>A fact that rules may test or derive, as declared in the rule set's vocabulary.</summary>
/// <param name="Name">The fact's unique name.</param>
/// <param name="Type">The fact's type.</param>
/// <param name="Origin">Whether the caller supplies the fact or rules derive it.</param>
/// <param name="Description">A plain-language description for rule authors and clinicians.</param>
/// <param name="AllowedValues">The allowed symbols for enum and enum-set facts; empty otherwise.</param>
/// <param name="Unit">The unit of a decimal or integer fact, if any.</param>
/// <param name="Location">Where the fact was declared, if it came from a file.</param>
public sealed record FactDefinition(
    string Name,
    FactType Type,
    FactOrigin Origin,
    string Description,
    ImmutableArray<string> AllowedValues,
    string? Unit = null,
    SourceLocation? Location = null);

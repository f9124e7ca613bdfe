using System.Collections.Immutable;

namespace KetCds.Engine;

/// <summary>A typed outcome emitted by a rule that fired.</summary>
/// <param name="Kind">The outcome's kind.</param>
/// <param name="Code">Its stable machine code.</param>
/// <param name="Text">Plain-language text for clinicians.</param>
/// <param name="Attributes">Typed attributes, sorted by name.</param>
/// <param name="RuleId">The rule that emitted it.</param>
/// <param name="Citations">The source claims that rule cites.</param>
public sealed record Outcome(
    OutcomeKind Kind,
    string Code,
    string Text,
    ImmutableArray<OutcomeAttribute> Attributes,
    string RuleId,
    ImmutableArray<string> Citations)
{
    /// <summary>The value of the named attribute, or null when the outcome has none by that name.</summary>
    public TypedValue? Attribute(string name)
    {
        foreach (var attribute in Attributes)
        {
            if (string.Equals(attribute.Name, name, StringComparison.Ordinal))
            {
                return attribute.Value;
            }
        }

        return null;
    }
}

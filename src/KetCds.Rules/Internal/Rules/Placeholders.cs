using KetCds.Engine;

namespace KetCds.Rules.Internal.Rules;

/// <summary>
/// Stands in for parts of rules that have errors, so the engine can still check the rest of the rule set without
/// reporting the same problem again (a rule set with any error is never loaded, so placeholders never run).
/// </summary>
internal sealed class Placeholders
{
    // Not a valid fact name, so it can never collide with a declared fact or be offered as a suggestion.
    private const string FactName = "$placeholder-for-a-part-with-errors";

    public bool Used { get; private set; }

    /// <summary>Derived facts some derivation of which had errors: the engine must not call them underived.</summary>
    public HashSet<string> FailedDerivations { get; } = new(StringComparer.Ordinal);

    public FactDefinition Fact { get; } = new(FactName, FactType.Boolean, FactOrigin.Input, "stands in for a part of a rule that has errors", []);

    public Condition Condition(SourceLocation at)
    {
        Used = true;
        return new PresenceCondition(FactName, true) { Location = at };
    }

    public RuleAction Action(SourceLocation at)
    {
        Used = true;
        return new RequestDataAction(FactName, "stands in for actions that have errors") { Location = at };
    }
}

using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;

namespace KetCds.Rules;

/// <summary>The outcome of loading a rule-set directory: the loaded rule set, or every error found.</summary>
/// <param name="RuleSet">The loaded rule set, or null when there is any error.</param>
/// <param name="Errors">Every error, sorted by file, line and column; empty on success.</param>
/// <param name="Warnings">Problems that do not block loading, sorted the same way.</param>
public sealed record RuleSetLoadResult(LoadedRuleSet? RuleSet, ImmutableArray<RuleSetError> Errors, ImmutableArray<RuleSetError> Warnings)
{
    /// <summary>Whether the rule set loaded (there were no errors).</summary>
    [MemberNotNullWhen(true, nameof(RuleSet))]
    public bool Succeeded => RuleSet is not null;
}

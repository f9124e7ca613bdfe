using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;

namespace KetCds.Engine;

/// <summary>The outcome of compiling a rule-set model: a compiled rule set, or every error found.</summary>
/// <param name="RuleSet">The compiled rule set, or null when there are errors.</param>
/// <param name="Errors">Every error found, sorted by location; empty on success.</param>
public sealed record RuleSetCompilation(CompiledRuleSet? RuleSet, ImmutableArray<ModelError> Errors)
{
    /// <summary>Whether compilation succeeded.</summary>
    [MemberNotNullWhen(true, nameof(RuleSet))]
    public bool Succeeded => RuleSet is not null;
}

using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using KetCds.Contracts.V1;
using KetCds.Engine;

namespace KetCds.Clinical;

/// <summary>The answer for one patient: the typed result, or every field violation that stopped evaluation.</summary>
/// <param name="Result">The clinical result; null when the request was invalid.</param>
/// <param name="Violations">Every violation by field path; empty when the request was valid.</param>
/// <param name="Engine">The engine's own result, for explanations and why-not questions; null when invalid.</param>
/// <param name="RuleSet">The identity of the rule set that answered.</param>
public sealed record ClinicalEvaluation(
    EvaluationResult? Result,
    ImmutableArray<FieldViolation> Violations,
    RuleSetEvaluation? Engine,
    RuleSetIdentity RuleSet)
{
    /// <summary>Whether the request was valid and evaluated.</summary>
    [MemberNotNullWhen(true, nameof(Result), nameof(Engine))]
    public bool IsValid => Result is not null;
}

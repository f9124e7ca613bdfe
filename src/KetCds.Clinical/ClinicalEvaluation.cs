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
    private RuleSetEvaluation? _engine = Engine;

    // The fast path builds the result straight from reused working memory; the engine's own result (explanations,
    // why-not, fired rules) is asked for far less often, so it is made on first read by evaluating the patient again.
    private readonly ClinicalEvaluator? _evaluator;
    private readonly PatientFacts? _patient;

    internal ClinicalEvaluation(EvaluationResult result, RuleSetIdentity ruleSet, ClinicalEvaluator evaluator, PatientFacts patient)
        : this(result, [], null, ruleSet)
    {
        _evaluator = evaluator;
        _patient = patient;
    }

    /// <summary>
    /// The engine's own result, for explanations and why-not questions; null when invalid. After a STANDARD evaluation it
    /// is made on first read, by evaluating the same patient again (deterministic, so the same answers): do not change
    /// the patient message before reading it.
    /// </summary>
    public RuleSetEvaluation? Engine
    {
        get => _engine ?? Replay();
        init => _engine = value;
    }

    /// <summary>Whether the request was valid and evaluated.</summary>
    [MemberNotNullWhen(true, nameof(Result), nameof(Engine))]
    public bool IsValid => Result is not null;

    private RuleSetEvaluation? Replay()
    {
        if (_evaluator is null)
        {
            return null;
        }

        // Two threads reading it first may both evaluate; they get equal results and either is kept.
        return _engine = _evaluator.EvaluateEngine(_patient!);
    }
}

using System.Collections.Immutable;
using KetCds.Engine;

namespace KetCds.Clinical.Internal;

/// <summary>
/// What the result builder reads of an evaluation, from either an engine result (FULL detail, an external matcher, a
/// listener) or the working memory of the fast path, which is read before the buffer goes back to its pool.
/// </summary>
internal readonly struct EngineAnswer
{
    private readonly RuleSetEvaluation? _result;
    private readonly EvaluationBuffer? _buffer;

    public EngineAnswer(RuleSetEvaluation result) => _result = result;

    public EngineAnswer(EvaluationBuffer buffer) => _buffer = buffer;

    /// <summary>Outcomes ordered by kind, code and rule id.</summary>
    public ReadOnlySpan<Outcome> Outcomes => _result is not null ? _result.Outcomes.AsSpan() : _buffer!.Outcomes();

    public ImmutableArray<DataRequest> DataRequests => _result?.DataRequests ?? _buffer!.DataRequests();

    public ImmutableArray<MissingFact> MissingFacts => _result?.MissingFacts ?? _buffer!.MissingFacts();

    public TypedValue? GetFact(string name) => _result is not null ? _result.GetFact(name) : _buffer!.GetFact(name);

    /// <summary>The fact <paramref name="name"/>, read from working memory by <paramref name="index"/> (<see cref="CompiledRuleSet.IndexOfFact"/>) when that is known.</summary>
    public TypedValue? GetFact(string name, int index) => _buffer is not null && index >= 0 ? _buffer.GetFact(index) : GetFact(name);

    /// <summary>The justification tree of an outcome's rule: only an engine result has one.</summary>
    public RuleJustification Explain(Outcome outcome) =>
        (_result ?? throw new InvalidOperationException("explanations need an engine result")).Explain(outcome);
}

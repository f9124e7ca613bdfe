using KetCds.Engine.Internal;
using KetCds.Engine.Internal.Kernel;

namespace KetCds.Engine;

/// <summary>
/// Reusable working memory for evaluating one rule set without allocating, for one thread at a time: evaluate into it
/// with <see cref="CompiledRuleSet.Evaluate(FactSet, EvaluationBuffer, EvaluationOptions?, CancellationToken)"/>, read
/// the decision, and call <see cref="ToResult"/> only when explanations are wanted.
/// </summary>
public sealed class EvaluationBuffer
{
    private readonly int[] _ranks;
    private readonly Outcome[] _outcomes;
    private int _outcomeCount = -1;
    private bool _complete;

    internal EvaluationBuffer(CompiledRuleSet ruleSet)
    {
        RuleSet = ruleSet;
        State = ruleSet.Kernel.CreateState();
        var most = ruleSet.Rules.Sum(r => r.Outcomes.Length);
        _ranks = new int[most];
        _outcomes = new Outcome[most];
    }

    /// <summary>The rule set this buffer evaluates.</summary>
    public CompiledRuleSet RuleSet { get; }

    /// <summary>How many rules fired in the last evaluation.</summary>
    public int FiredCount => Completed().FiringCount;

    internal KernelState State { get; }

    /// <summary>Whether the rule fired in the last evaluation; false for an unknown rule id.</summary>
    public bool Fired(string ruleId)
    {
        var index = RuleSet.IndexOf(ruleId);
        return index >= 0 && Completed().Truth[index] == RuleTruth.Fired;
    }

    /// <summary>The value of a fact after the last evaluation, or null when it is absent, not derived or undecided.</summary>
    public TypedValue? GetFact(string name)
    {
        var state = Completed();
        return RuleSet.Facts.TryGet(name, out var slot) && state.Facts.Status[slot] == FactStatus.Present ? state.Facts.Values[slot] : null;
    }

    /// <summary>The outcomes of the last evaluation, ordered by kind, code and rule id; valid until the next evaluation.</summary>
    public ReadOnlySpan<Outcome> Outcomes()
    {
        var state = Completed();
        if (_outcomeCount < 0)
        {
            var count = 0;
            for (var i = 0; i < state.FiringCount; i++)
            {
                foreach (var (rank, outcome) in RuleSet.Rules[state.Firings[i]].Outcomes)
                {
                    _ranks[count] = rank;
                    _outcomes[count++] = outcome;
                }
            }

            Array.Sort(_ranks, _outcomes, 0, count);
            _outcomeCount = count;
        }

        return _outcomes.AsSpan(0, _outcomeCount);
    }

    /// <summary>Copies the last evaluation into a result with explanations, why-not and missing facts (this allocates).</summary>
    public RuleSetEvaluation ToResult() => RuleSet.Snapshot(Completed());

    internal void Invalidate()
    {
        _complete = false;
        _outcomeCount = -1;
    }

    internal void Complete() => _complete = true;

    private KernelState Completed() =>
        _complete ? State : throw new InvalidOperationException("the buffer holds no completed evaluation");
}

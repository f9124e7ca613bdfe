namespace KetCds.Engine.Internal;

/// <summary>Runs an evaluation plan over a fact state: forward chaining to a fixed point, stage by stage.</summary>
internal sealed class Matcher
{
    private readonly CompiledRule[] _rules;
    private readonly EvaluationPlan _plan;
    private readonly FactState _state;
    private readonly RuleTruth[] _truth;
    private readonly List<int> _firings;
    private readonly int _maxFirings;
    private readonly CancellationToken _cancellation;
    private int _sinceCheck;

    private Matcher(CompiledRule[] rules, EvaluationPlan plan, FactState state, int maxFirings, CancellationToken cancellation)
    {
        _rules = rules;
        _plan = plan;
        _state = state;
        _truth = new RuleTruth[rules.Length];
        _firings = new List<int>(Math.Min(rules.Length, 32));
        _maxFirings = maxFirings;
        _cancellation = cancellation;
    }

    public static (RuleTruth[] Truth, List<int> Firings) Run(
        CompiledRule[] rules, EvaluationPlan plan, FactState state, int maxFirings, CancellationToken cancellation)
    {
        var matcher = new Matcher(rules, plan, state, maxFirings, cancellation);
        matcher.RunStages();
        matcher.RunEmitters();
        return (matcher._truth, matcher._firings);
    }

    private void RunStages()
    {
        foreach (var stage in _plan.Stages)
        {
            if (stage.Cyclic)
            {
                RunCyclicStage(stage);
            }
            else
            {
                foreach (var rule in stage.Rules)
                {
                    if (!Skip(rule))
                    {
                        Consider(rule);
                    }
                }
            }

            SettleFacts(stage);
        }
    }

    private void RunCyclicStage(EvaluationStage stage)
    {
        // Positive-only cycles are monotonic: repeat until a pass fires nothing; then re-run while any fact
        // turns from "not derived" to "undecided", since that can only make more rules undecided.
        while (true)
        {
            var fired = true;
            while (fired)
            {
                fired = false;
                foreach (var rule in stage.Rules)
                {
                    if (_truth[rule] != RuleTruth.Fired && !Skip(rule) && Consider(rule))
                    {
                        fired = true;
                    }
                }
            }

            if (!SettleFacts(stage))
            {
                return;
            }

            foreach (var rule in stage.Rules)
            {
                if (_truth[rule] != RuleTruth.Fired && !Skip(rule))
                {
                    Consider(rule);
                }
            }
        }
    }

    private void RunEmitters()
    {
        foreach (var rule in _plan.UnguardedEmitters)
        {
            Consider(rule);
        }

        var guarded = _plan.GuardedEmitters;
        var status = _state.Status;
        for (var slot = 0; slot < guarded.Length; slot++)
        {
            var bucket = guarded[slot];
            if (bucket is null)
            {
                continue;
            }

            if (status[slot] != FactStatus.Present)
            {
                // Their truth stays Skipped, the array's zero value.
                continue;
            }

            foreach (var rule in bucket)
            {
                Consider(rule);
            }
        }
    }

    /// <summary>Marks the stage's underived facts as unknown when a producer was undecided; returns whether any changed.</summary>
    private bool SettleFacts(EvaluationStage stage)
    {
        var changed = false;
        foreach (var slot in stage.Facts)
        {
            if (_state.Status[slot] != FactStatus.NotDerived)
            {
                continue;
            }

            if (AnyProducerUnknown(_plan.Producers[slot]))
            {
                _state.Status[slot] = FactStatus.Undecided;
                changed = true;
            }
        }

        return changed;
    }

    private bool AnyProducerUnknown(int[] producers)
    {
        foreach (var producer in producers)
        {
            if (_truth[producer] == RuleTruth.Unknown)
            {
                return true;
            }
        }

        // A skipped producer cannot fire but may still be unknown rather than false; it is evaluated only here,
        // when its fact ended underived and no evaluated producer was unknown, so most are never evaluated.
        foreach (var producer in producers)
        {
            if (_truth[producer] == RuleTruth.Skipped && _rules[producer].Evaluate(_state) == Truth.Unknown)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether a rule's guard input is missing: it cannot fire, so it is not evaluated and stays Skipped.</summary>
    private bool Skip(int index)
    {
        var guard = _plan.GuardSlots[index];
        return guard >= 0 && _state.Status[guard] != FactStatus.Present;
    }

    private bool Consider(int index)
    {
        if (++_sinceCheck >= 64)
        {
            _sinceCheck = 0;
            _cancellation.ThrowIfCancellationRequested();
        }

        var rule = _rules[index];
        var truth = rule.Evaluate(_state);
        if (truth != Truth.True)
        {
            _truth[index] = truth == Truth.Unknown ? RuleTruth.Unknown : RuleTruth.False;
            return false;
        }

        if (_firings.Count >= _maxFirings)
        {
            throw new EvaluationLimitExceededException($"the evaluation exceeded its cap of {_maxFirings} rule firings");
        }

        _truth[index] = RuleTruth.Fired;
        _firings.Add(index);
        foreach (var (slot, value) in rule.Derives)
        {
            // Single assignment: the first (highest-priority) derivation decides and later ones are recorded only as
            // firings; a fact already undecided because a conflict could not be settled stays undecided.
            if (_state.Status[slot] != FactStatus.NotDerived)
            {
                continue;
            }

            if (OutrankedByUnknown(index, slot, value))
            {
                _state.Status[slot] = FactStatus.Undecided;
                continue;
            }

            _state.Values[slot] = value;
            _state.Status[slot] = FactStatus.Present;
            _state.SetBy[slot] = _firings.Count;
        }

        return true;
    }

    /// <summary>
    /// Whether a producer ranked above <paramref name="rule"/> whose condition is unknown would derive a different value:
    /// the missing data could overturn the derivation, so the fact is undecided rather than <paramref name="value"/>.
    /// </summary>
    private bool OutrankedByUnknown(int rule, int slot, FactValue value)
    {
        foreach (var (producer, derives) in _plan.RankedProducers[slot])
        {
            if (producer == rule)
            {
                return false;
            }

            if (derives.Equals(value))
            {
                continue;
            }

            // Higher-ranked producers run first in the stage; one still Skipped had its guard missing, so it is false or unknown.
            var truth = _truth[producer];
            if (truth == RuleTruth.Unknown || (truth == RuleTruth.Skipped && _rules[producer].Evaluate(_state) == Truth.Unknown))
            {
                return true;
            }
        }

        return false;
    }
}

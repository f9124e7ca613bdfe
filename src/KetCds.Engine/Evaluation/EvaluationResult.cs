using System.Collections.Immutable;
using KetCds.Engine.Internal;

namespace KetCds.Engine;

/// <summary>
/// The result of one evaluation: outcomes, derived facts and requests, in a deterministic order, with
/// justifications, why-not reports and missing facts computed on demand.
/// </summary>
public sealed class EvaluationResult
{
    private readonly CompiledRuleSet _ruleSet;
    private readonly FactState _state;
    private readonly RuleTruth[] _truth;
    private readonly Explainer _explainer;
    private readonly Lazy<ImmutableArray<MissingFact>> _missing;

    internal EvaluationResult(CompiledRuleSet ruleSet, FactState state, RuleTruth[] truth, List<int> firings)
    {
        _ruleSet = ruleSet;
        _state = state;
        _truth = truth;
        _explainer = new Explainer(ruleSet, state, truth, firings);
        _missing = new Lazy<ImmutableArray<MissingFact>>(_explainer.MissingFacts, LazyThreadSafetyMode.ExecutionAndPublication);

        var fired = firings.ToArray();
        Array.Sort(fired);
        FiredRules = [.. fired.Select(i => ruleSet.Rules[i].Model.Id)];
        Outcomes = CollectOutcomes(ruleSet.Rules, fired);
        DataRequests = [.. fired.SelectMany(i => ruleSet.Rules[i].Requests).OrderBy(r => r.Fact, StringComparer.Ordinal).ThenBy(r => r.RuleId, StringComparer.Ordinal)];
    }

    /// <summary>The rule set that produced this result.</summary>
    public RuleSetIdentity Identity => _ruleSet.Identity;

    /// <summary>Outcomes of the rules that fired, ordered by kind, code and rule id.</summary>
    public ImmutableArray<Outcome> Outcomes { get; }

    /// <summary>The ids of the rules that fired, sorted.</summary>
    public ImmutableArray<string> FiredRules { get; }

    /// <summary>Requests for input facts made by rules that fired, sorted by fact.</summary>
    public ImmutableArray<DataRequest> DataRequests { get; }

    /// <summary>Absent input facts that would decide rules left undecided, sorted by fact.</summary>
    public ImmutableArray<MissingFact> MissingFacts => _missing.Value;

    /// <summary>The derived facts that were derived, sorted by name.</summary>
    public ImmutableArray<KeyValuePair<string, FactValue>> DerivedFacts =>
        [.. _ruleSet.Facts.Definitions
            .Select((d, slot) => (d, slot))
            .Where(x => x.d.Origin == FactOrigin.Derived && _state.Status[x.slot] == FactStatus.Present)
            .Select(x => new KeyValuePair<string, FactValue>(x.d.Name, _state.Values[x.slot]!))];

    /// <summary>The value of a fact after evaluation, or null when it is absent or not derived.</summary>
    public FactValue? GetFact(string name) =>
        _ruleSet.Facts.TryGet(name, out var slot) && _state.Status[slot] == FactStatus.Present ? _state.Values[slot] : null;

    /// <summary>The truth of a rule's condition in this evaluation, or null for an unknown rule id.</summary>
    public Truth? RuleResult(string ruleId)
    {
        var index = _ruleSet.IndexOf(ruleId);
        if (index < 0)
        {
            return null;
        }

        var rule = _ruleSet.Rules[index].Model;
        return _truth[index] switch
        {
            RuleTruth.Fired => Truth.True,
            RuleTruth.False => Truth.False,
            RuleTruth.Unknown => Truth.Unknown,
            _ => ConditionTracer.Evaluate(rule.When, _ruleSet.Facts, _state),
        };
    }

    /// <summary>The justification tree of the rule that emitted <paramref name="outcome"/>.</summary>
    public Justification Explain(Outcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        return Explain(outcome.RuleId) ?? throw new ArgumentException($"outcome '{outcome.Code}' was not produced by this evaluation", nameof(outcome));
    }

    /// <summary>The justification tree of a rule that fired, or null when it did not fire.</summary>
    public Justification? Explain(string ruleId)
    {
        var index = _ruleSet.IndexOf(ruleId);
        return index < 0 ? null : _explainer.Explain(index);
    }

    /// <summary>For an outcome code (or a derived fact), every rule that can produce it and what stopped each one.</summary>
    public WhyNotReport WhyNot(string outcomeCodeOrFact)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(outcomeCodeOrFact);
        return _explainer.WhyNot(outcomeCodeOrFact);
    }

    private static ImmutableArray<Outcome> CollectOutcomes(CompiledRule[] rules, int[] fired)
    {
        var count = 0;
        foreach (var index in fired)
        {
            count += rules[index].Outcomes.Length;
        }

        if (count == 0)
        {
            return [];
        }

        var ranked = new (int Rank, Outcome Outcome)[count];
        var n = 0;
        foreach (var index in fired)
        {
            foreach (var outcome in rules[index].Outcomes)
            {
                ranked[n++] = outcome;
            }
        }

        Array.Sort(ranked, static (a, b) => a.Rank.CompareTo(b.Rank));
        var builder = ImmutableArray.CreateBuilder<Outcome>(count);
        foreach (var (_, outcome) in ranked)
        {
            builder.Add(outcome);
        }

        return builder.MoveToImmutable();
    }
}

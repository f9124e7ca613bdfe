using System.Collections.Immutable;
using System.Runtime.InteropServices;
using KetCds.Engine.Internal;
using KetCds.Engine.Internal.Kernel;

namespace KetCds.Engine;

/// <summary>
/// The result of one evaluation: outcomes, derived facts and requests, in a deterministic order, with
/// justifications, why-not reports and missing facts computed on demand.
/// </summary>
/// <remarks>
/// Every list is built the first time it is read, so a caller pays only for what it asks for. Two threads reading the
/// same list for the first time may both build it; they build the same thing, and either copy is kept.
/// </remarks>
public sealed class RuleSetEvaluation
{
    private readonly CompiledRuleSet _ruleSet;
    private readonly FactState _state;
    private readonly RuleTruth[] _truth;
    private readonly int[] _firings;
    private byte[]? _tests;
    private Explainer? _explainer;
    private Outcome[]? _outcomes;
    private string[]? _firedRules;
    private DataRequest[]? _dataRequests;
    private MissingFact[]? _missing;

    /// <summary>
    /// Builds a result from a finished match, wherever it was computed: the final status and value of every fact slot,
    /// the truth of every rule, and the rules that fired in firing order. Explanations, why-not and missing facts are
    /// derived from these alone.
    /// </summary>
    internal RuleSetEvaluation(CompiledRuleSet ruleSet, FactState state, RuleTruth[] truth, List<int> firings)
        : this(ruleSet, state, truth, [.. firings], null)
    {
    }

    /// <summary>The same, taking ownership of the arrays; <paramref name="tests"/> are the final test truths when known.</summary>
    internal RuleSetEvaluation(CompiledRuleSet ruleSet, FactState state, RuleTruth[] truth, int[] firings, byte[]? tests)
    {
        _ruleSet = ruleSet;
        _state = state;
        _truth = truth;
        _firings = firings;
        _tests = tests;
    }

    /// <summary>Outcomes of the rules that fired, ordered by kind, code and rule id.</summary>
    public ImmutableArray<Outcome> Outcomes => ImmutableCollectionsMarshal.AsImmutableArray(_outcomes ??= CollectOutcomes());

    /// <summary>The ids of the rules that fired, sorted.</summary>
    public ImmutableArray<string> FiredRules => ImmutableCollectionsMarshal.AsImmutableArray(_firedRules ??= CollectFiredRules());

    /// <summary>Requests for input facts made by rules that fired, sorted by fact.</summary>
    public ImmutableArray<DataRequest> DataRequests => ImmutableCollectionsMarshal.AsImmutableArray(_dataRequests ??= CollectRequests());

    /// <summary>Absent input facts that would decide rules left undecided, sorted by fact.</summary>
    public ImmutableArray<MissingFact> MissingFacts =>
        ImmutableCollectionsMarshal.AsImmutableArray(_missing ??= ImmutableCollectionsMarshal.AsArray(MissingFactFinder.Find(_ruleSet, _state.Status, _truth, Tests()))!);

    /// <summary>The derived facts that were derived, sorted by name.</summary>
    public ImmutableArray<KeyValuePair<string, TypedValue>> DerivedFacts =>
        [.. _ruleSet.Facts.Definitions
            .Select((d, slot) => (d, slot))
            .Where(x => x.d.Origin == FactOrigin.Derived && _state.Status[x.slot] == FactStatus.Present)
            .Select(x => new KeyValuePair<string, TypedValue>(x.d.Name, _state.Values[x.slot]!))];

    /// <summary>The value of a fact after evaluation, or null when it is absent, not derived or undecided.</summary>
    public TypedValue? GetFact(string name) =>
        _ruleSet.Facts.TryGet(name, out var slot) && _state.Status[slot] == FactStatus.Present ? _state.Values[slot] : null;

    /// <summary>The truth of a rule's condition in this evaluation, or null for an unknown rule id.</summary>
    public Truth? RuleResult(string ruleId)
    {
        var index = _ruleSet.IndexOf(ruleId);
        if (index < 0)
        {
            return null;
        }

        return EvaluationEvents.TruthOf(_ruleSet, index, _truth[index], _state);
    }

    /// <summary>The justification tree of the rule that emitted <paramref name="outcome"/>.</summary>
    public RuleJustification Explain(Outcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        return Explain(outcome.RuleId) ?? throw new ArgumentException($"outcome '{outcome.Code}' was not produced by this evaluation", nameof(outcome));
    }

    /// <summary>The justification tree of a rule that fired, or null when it did not fire.</summary>
    public RuleJustification? Explain(string ruleId)
    {
        var index = _ruleSet.IndexOf(ruleId);
        return index < 0 ? null : Explainer().Explain(index);
    }

    /// <summary>For an outcome code (or a derived fact), every rule that can produce it and what stopped each one.</summary>
    public WhyNotReport WhyNot(string outcomeCodeOrFact)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(outcomeCodeOrFact);
        return Explainer().WhyNot(outcomeCodeOrFact);
    }

    /// <summary>The rule's truth as the fast matcher recorded it (Skipped when its guard was missing), for equivalence tests.</summary>
    internal RuleTruth MatchedTruth(int rule) => _truth[rule];

    /// <summary>Missing facts found by re-tracing every condition over the final facts: the slow path, for equivalence tests.</summary>
    internal ImmutableArray<MissingFact> TracedMissingFacts() => Explainer().MissingFacts();

    /// <summary>The final fact state, for equivalence tests.</summary>
    internal FactState State => _state;

    private Explainer Explainer() => _explainer ??= new Explainer(_ruleSet, _state, _truth, _firings);

    private byte[] Tests() => _tests ??= _ruleSet.Kernel.TestsOf(_state);

    private int[] SortedFirings()
    {
        var fired = (int[])_firings.Clone();
        Array.Sort(fired);
        return fired;
    }

    private string[] CollectFiredRules()
    {
        var fired = SortedFirings();
        var ids = new string[fired.Length];
        for (var i = 0; i < fired.Length; i++)
        {
            ids[i] = _ruleSet.Rules[fired[i]].Model.Id;
        }

        return ids;
    }

    private DataRequest[] CollectRequests() => DataRequestCollector.Collect(_ruleSet, _firings);

    private Outcome[] CollectOutcomes()
    {
        var rules = _ruleSet.Rules;
        var count = 0;
        foreach (var index in _firings)
        {
            count += rules[index].Outcomes.Length;
        }

        if (count == 0)
        {
            return [];
        }

        var ranks = new int[count];
        var outcomes = new Outcome[count];
        var n = 0;
        foreach (var index in _firings)
        {
            foreach (var (rank, outcome) in rules[index].Outcomes)
            {
                ranks[n] = rank;
                outcomes[n++] = outcome;
            }
        }

        Array.Sort(ranks, outcomes);
        return outcomes;
    }
}

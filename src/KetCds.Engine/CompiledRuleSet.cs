using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Runtime.InteropServices;
using KetCds.Engine.Internal;
using KetCds.Engine.Internal.Kernel;

namespace KetCds.Engine;

/// <summary>A validated rule set compiled to a dense layout and flattened conditions; immutable and safe to evaluate from many threads at once.</summary>
public sealed class CompiledRuleSet
{
    private readonly FrozenDictionary<string, int> _ruleIndex;
    private readonly FrozenDictionary<string, int[]> _emitters;
    private readonly InputFact?[] _inputs;
    private Outcome[]? _possibleOutcomes;
    private MissingFactIndex? _missingIndex;
    private ulong[]? _outcomeRows;
    private int[]? _outcomeRanks;
    private ImmutableArray<Rule> _rulesById;

    internal CompiledRuleSet(RuleSetModel model, string modelHash, FactIndex facts, CompiledRule[] rules, EvaluationPlan plan)
    {
        Kernel = new Kernel(rules, plan, facts);
        Model = model;
        ModelHash = modelHash;
        Facts = facts;
        Rules = rules;
        Plan = plan;
        _ruleIndex = rules.ToFrozenDictionary(r => r.Model.Id, r => r.Index, StringComparer.Ordinal);
        // A loop rather than LINQ over (code, index) tuples: that generic code is compiled by the JIT at every cold load.
        var emitters = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        foreach (var rule in rules)
        {
            foreach (var (_, outcome) in rule.Outcomes)
            {
                if (!emitters.TryGetValue(outcome.Code, out var indices))
                {
                    emitters[outcome.Code] = indices = [];
                }

                // Rules come in index order, so each list is ascending and a repeat can only be the last entry.
                if (indices.Count == 0 || indices[^1] != rule.Index)
                {
                    indices.Add(rule.Index);
                }
            }
        }

        _emitters = emitters.ToFrozenDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);
        OutcomeCodes = [.. _emitters.Keys.Order(StringComparer.Ordinal)];
        _inputs = [.. facts.Definitions.Select((d, slot) => d.Origin == FactOrigin.Input ? new InputFact(this, slot, d) : null)];
    }

    /// <summary>The model this was compiled from.</summary>
    public RuleSetModel Model { get; }

    /// <summary>
    /// Lower-case hex SHA-256 of the model's canonical rendering, independent of file layout and rule order. It is not
    /// a rule set's published identity: an authoring layer publishes one that also covers what the engine never sees
    /// (KetCds.Rules: outcome attributes and the source catalog), so messages name the rule set by name and version.
    /// </summary>
    public string ModelHash { get; }

    /// <summary>Every outcome code some rule can emit, sorted.</summary>
    public ImmutableArray<string> OutcomeCodes { get; }

    /// <summary>Every outcome some rule can emit, in the order evaluations list outcomes (kind, code, rule id): what <see cref="EvaluationBuffer.OutcomeIndexes"/> indexes.</summary>
    public ImmutableArray<Outcome> PossibleOutcomes => ImmutableCollectionsMarshal.AsImmutableArray(PossibleOutcomeArray);

    /// <summary>The rules in ordinal id order, the order rule indexes count in (<see cref="MissingInput.Rule"/>, <see cref="EvaluationBuffer.FiredRules"/>).</summary>
    public ImmutableArray<Rule> RulesById => _rulesById.IsDefault ? _rulesById = [.. Rules.Select(r => r.Model)] : _rulesById;

    /// <summary>Per input, the rules testing it, for listing missing facts; made on first use.</summary>
    internal MissingFactIndex MissingIndex => _missingIndex ??= new MissingFactIndex(this);

    // Made on first use (two threads may both make it; they make the same), so compiling a version does no more work.
    internal Outcome[] PossibleOutcomeArray => _possibleOutcomes ??= Rules
        .SelectMany(r => r.Outcomes)
        .OrderBy(o => o.Rank)
        .Select(o => o.Outcome)
        .ToArray();

    /// <summary>
    /// Per rule, <see cref="OutcomeWords"/> words marking the ranks of its outcomes, so that a run's outcomes are the OR of
    /// its fired rules' rows; empty when there are more than eight words of outcomes. Made on first use.
    /// </summary>
    internal ulong[] OutcomeRows => _outcomeRows ??= MakeOutcomeRows();

    /// <summary>
    /// Per rule, the rank of its one outcome, -1 when it has none, -2 when it has several (read its row of
    /// <see cref="OutcomeRows"/>): most rules that fire have at most one, so most firings mark one bit. Made on first use.
    /// </summary>
    internal int[] OutcomeRanks => _outcomeRanks ??= [.. Rules.Select(r => r.Outcomes.Length switch { 0 => -1, 1 => r.Outcomes[0].Rank, _ => -2 })];

    /// <summary>How many 64-bit words a set of outcome ranks takes.</summary>
    internal int OutcomeWords => (PossibleOutcomeArray.Length + 63) / 64;

    internal FactIndex Facts { get; }

    internal CompiledRule[] Rules { get; }

    internal EvaluationPlan Plan { get; }

    /// <summary>The dense, compiled form the evaluation runs on.</summary>
    internal Kernel Kernel { get; }

    /// <summary>The rule with the given id, or null.</summary>
    public Rule? FindRule(string id) => _ruleIndex.TryGetValue(id, out var i) ? Rules[i].Model : null;

    /// <summary>The declaration of the named fact, or null.</summary>
    public FactDefinition? FindFact(string name) => Facts.TryGet(name, out var slot) ? Facts.Definitions[slot] : null;

    /// <summary>A fact's index (an input's <see cref="InputFact.Index"/>), to read it by <see cref="EvaluationBuffer.GetFact(int)"/> without a lookup by name; -1 for an unknown name.</summary>
    public int IndexOfFact(string name) => Facts.TryGet(name, out var slot) ? slot : -1;

    /// <summary>The declared input fact with the given name, for setting it into a buffer by position; null when it is not declared or is derived.</summary>
    public InputFact? FindInput(string name) => Facts.TryGet(name, out var slot) ? _inputs[slot] : null;

    /// <summary>Runs the rule set over <paramref name="facts"/> to a fixed point and returns the result with its explanations.</summary>
    /// <exception cref="ArgumentException">A fact is not declared, is derived, or has a value of the wrong type or outside its allowed values.</exception>
    /// <exception cref="EvaluationLimitExceededException">The evaluation exceeded <see cref="EvaluationOptions.MaxFirings"/>.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public RuleSetEvaluation Evaluate(FactSet facts, EvaluationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var state = Kernel.Pool.Rent();
        try
        {
            Run(state, facts, null, options, cancellationToken);
            return Snapshot(state);
        }
        finally
        {
            Kernel.Pool.Return(state);
        }
    }

    /// <summary>Checks and encodes <paramref name="facts"/> once, for evaluating the same facts many times.</summary>
    /// <exception cref="ArgumentException">A fact is not declared, is derived, or has a value of the wrong type or outside its allowed values.</exception>
    public BoundFacts Bind(FactSet facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var items = facts.Items;
        var slots = new int[items.Length];
        var values = new TypedValue[items.Length];
        var lanes = new long[items.Length];
        var numbers = new decimal[items.Length];
        for (var i = 0; i < items.Length; i++)
        {
            var (name, value) = items[i];
            slots[i] = CheckInput(name, value);
            values[i] = value;
            lanes[i] = Kernel.Layout.Lane(slots[i], value);
            numbers[i] = value.Number;
        }

        return new BoundFacts(this, slots, values, lanes, numbers);
    }

    /// <summary>Creates reusable working memory for evaluating this rule set without allocating; use it from one thread at a time.</summary>
    public EvaluationBuffer CreateBuffer() => new(this);

    /// <summary>Runs the rule set over <paramref name="facts"/> into <paramref name="buffer"/>, allocating nothing; read the decision from the buffer.</summary>
    /// <exception cref="ArgumentException">A fact is invalid (as for <see cref="Evaluate(FactSet, EvaluationOptions?, CancellationToken)"/>), or the buffer belongs to another rule set.</exception>
    /// <exception cref="EvaluationLimitExceededException">The evaluation exceeded <see cref="EvaluationOptions.MaxFirings"/>.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public void Evaluate(FactSet facts, EvaluationBuffer buffer, EvaluationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(facts);
        RunInto(buffer, facts, null, options, cancellationToken);
    }

    /// <summary>Runs the rule set over facts bound by <see cref="Bind"/> into <paramref name="buffer"/>, allocating nothing.</summary>
    /// <exception cref="ArgumentException">The facts or the buffer belong to another rule set.</exception>
    /// <exception cref="EvaluationLimitExceededException">The evaluation exceeded <see cref="EvaluationOptions.MaxFirings"/>.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public void Evaluate(BoundFacts facts, EvaluationBuffer buffer, EvaluationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(facts);
        if (!ReferenceEquals(facts.RuleSet, this))
        {
            throw new ArgumentException("the facts were bound to another rule set", nameof(facts));
        }

        RunInto(buffer, null, facts, options, cancellationToken);
    }

    /// <summary>Copies a finished evaluation out of working memory into a result that owns its state.</summary>
    internal RuleSetEvaluation Snapshot(KernelState state)
    {
        var facts = state.Facts;
        var snapshot = new FactState((FactStatus[])facts.Status.Clone(), (TypedValue?[])facts.Values.Clone(), (int[])facts.SetBy.Clone());
        Kernel.Materialize(snapshot, state.Lanes);
        return new RuleSetEvaluation(this, snapshot, (RuleTruth[])state.Truth.Clone(), state.Firings.AsSpan(0, state.FiringCount).ToArray(), (byte[])state.Tests.Clone());
    }

    /// <summary>Runs bound facts through the interpreter (no compiled code) into <paramref name="state"/>: the reference for equivalence tests.</summary>
    internal void RunInterpreted(KernelState state, BoundFacts facts, EvaluationOptions? options = null)
    {
        Kernel.Reset(state);
        for (var i = 0; i < facts.Slots.Length; i++)
        {
            Kernel.SetInput(state, facts.Slots[i], facts.Values[i], facts.Lanes[i], facts.Numbers[i], interpreted: true);
        }

        Kernel.RunInterpreted(state, (options ?? EvaluationOptions.Default).MaxFirings, CancellationToken.None);
    }

    private void RunInto(EvaluationBuffer buffer, FactSet? facts, BoundFacts? bound, EvaluationOptions? options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        if (!ReferenceEquals(buffer.RuleSet, this))
        {
            throw new ArgumentException("the buffer was created by another rule set", nameof(buffer));
        }

        buffer.Invalidate();
        Run(buffer.State, facts, bound, options, cancellationToken);
        buffer.Complete();
    }

    private void Run(KernelState state, FactSet? facts, BoundFacts? bound, EvaluationOptions? options, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Kernel.Reset(state, bound?.Slots.Length ?? facts!.Items.Length);
        if (bound is not null)
        {
            Kernel.SetInputs(state, bound);
        }
        else
        {
            foreach (var (name, value) in facts!.Items)
            {
                var slot = CheckInput(name, value);
                Kernel.SetInput(state, slot, value, Kernel.Layout.Lane(slot, value), value.Number);
            }
        }

        Finish(state, options, cancellationToken);
    }

    /// <summary>Runs the rule set over the inputs already set into <paramref name="buffer"/> (see <see cref="EvaluationBuffer.Clear"/>).</summary>
    internal void RunInputs(EvaluationBuffer buffer, EvaluationOptions? options, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Finish(buffer.State, options, cancellationToken);
    }

    private void Finish(KernelState state, EvaluationOptions? options, CancellationToken cancellationToken)
    {
        options ??= EvaluationOptions.Default;
        Kernel.Run(state, options.MaxFirings, cancellationToken);
        if (options.Listener is { } listener)
        {
            // The tracer reads values, which inputs set by lane make only on demand.
            Kernel.Materialize(state.Facts, state.Lanes);
            EvaluationEvents.Raise(listener, this, state.Truth, state.Facts);
        }
    }

    /// <summary>The index of the rule with the given id, or -1.</summary>
    internal int IndexOf(string id) => _ruleIndex.TryGetValue(id, out var i) ? i : -1;

    internal int[] EmittersOf(string code) => _emitters.TryGetValue(code, out var rules) ? rules : [];

    internal int CheckInput(string name, TypedValue value)
    {
        if (!Facts.TryGet(name, out var slot))
        {
            var hint = NameSuggester.Suggest(name, Facts.Slots.Keys);
            throw new ArgumentException($"fact '{name}' is not declared by rule set {Model.Name}@{Model.Version}" + (hint is null ? string.Empty : $" (did you mean '{hint}'?)"), nameof(name));
        }

        var definition = Facts.Definitions[slot];
        if (definition.Origin != FactOrigin.Input)
        {
            throw new ArgumentException($"fact '{name}' is derived by rules and cannot be supplied", nameof(name));
        }

        var numeric = TypedValue.IsNumeric(value.Type) && TypedValue.IsNumeric(definition.Type);
        if (value.Type != definition.Type && !numeric)
        {
            throw new ArgumentException($"fact '{name}' is {definition.Type} but was given a {value.Type} value", nameof(value));
        }

        // A fraction would silently compare as if the integer fact could hold it; rules never see one.
        if (definition.Type == FactType.Integer && value.Number != decimal.Truncate(value.Number))
        {
            throw new ArgumentException($"fact '{name}' is Integer but was given the fraction {value}", nameof(value));
        }

        // Whole numbers are held in 64 bits with room for literal bounds either side.
        if (definition.Type is FactType.Integer or FactType.Date && Math.Abs(value.Number) > FactLayout.WholeLimit)
        {
            throw new ArgumentException($"fact '{name}' is outside the supported range (magnitude at most {FactLayout.WholeLimit})", nameof(value));
        }

        var allowed = Kernel.Layout.Symbols[slot];
        if (value.Type == FactType.Enum)
        {
            CheckSymbol(name, value.Symbol!, allowed!);
        }
        else if (value.Type == FactType.EnumSet)
        {
            foreach (var symbol in value.Symbols)
            {
                CheckSymbol(name, symbol, allowed!);
            }
        }

        return slot;
    }

    private static void CheckSymbol(string name, string symbol, FrozenDictionary<string, int> allowed)
    {
        if (!allowed.ContainsKey(symbol))
        {
            throw new ArgumentException($"'{symbol}' is not an allowed value of fact '{name}'", "value");
        }
    }

    private ulong[] MakeOutcomeRows()
    {
        var words = OutcomeWords;
        if (words > 8)
        {
            return [];
        }

        var rows = new ulong[Rules.Length * words];
        for (var rule = 0; rule < Rules.Length; rule++)
        {
            foreach (var (rank, _) in Rules[rule].Outcomes)
            {
                rows[(rule * words) + (rank >> 6)] |= 1UL << rank;
            }
        }

        return rows;
    }
}

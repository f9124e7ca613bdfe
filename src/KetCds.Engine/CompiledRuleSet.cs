using System.Collections.Frozen;
using System.Collections.Immutable;
using KetCds.Engine.Internal;

namespace KetCds.Engine;

/// <summary>A validated rule set compiled to delegates; immutable and safe to evaluate from many threads at once.</summary>
public sealed class CompiledRuleSet
{
    private readonly FrozenDictionary<string, int> _ruleIndex;
    private readonly FrozenDictionary<string, int[]> _emitters;

    internal CompiledRuleSet(RuleSetModel model, RuleSetIdentity identity, FactIndex facts, CompiledRule[] rules, EvaluationPlan plan)
    {
        Model = model;
        Identity = identity;
        Facts = facts;
        Rules = rules;
        Plan = plan;
        _ruleIndex = rules.ToFrozenDictionary(r => r.Model.Id, r => r.Index, StringComparer.Ordinal);
        _emitters = rules
            .SelectMany(r => r.Outcomes.Select(o => (o.Outcome.Code, r.Index)))
            .GroupBy(x => x.Code, StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => g.Select(x => x.Index).Distinct().Order().ToArray(), StringComparer.Ordinal);
        OutcomeCodes = [.. _emitters.Keys.Order(StringComparer.Ordinal)];
    }

    /// <summary>The model this was compiled from.</summary>
    public RuleSetModel Model { get; }

    /// <summary>The rule set's identity: declared version and content hash.</summary>
    public RuleSetIdentity Identity { get; }

    /// <summary>Every outcome code some rule can emit, sorted.</summary>
    public ImmutableArray<string> OutcomeCodes { get; }

    internal FactIndex Facts { get; }

    internal CompiledRule[] Rules { get; }

    internal EvaluationPlan Plan { get; }

    /// <summary>The rule with the given id, or null.</summary>
    public Rule? FindRule(string id) => _ruleIndex.TryGetValue(id, out var i) ? Rules[i].Model : null;

    /// <summary>The declaration of the named fact, or null.</summary>
    public FactDefinition? FindFact(string name) => Facts.TryGet(name, out var slot) ? Facts.Definitions[slot] : null;

    /// <summary>Runs the rule set over <paramref name="facts"/> to a fixed point and returns the result with its explanations.</summary>
    /// <exception cref="ArgumentException">A fact is not declared, is derived, or has a value of the wrong type or outside its allowed values.</exception>
    /// <exception cref="EvaluationLimitExceededException">The evaluation exceeded <see cref="EvaluationOptions.MaxFirings"/>.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public EvaluationResult Evaluate(FactSet facts, EvaluationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(facts);
        cancellationToken.ThrowIfCancellationRequested();
        var state = new FactState(Facts.InitialStatus);

        foreach (var (name, value) in facts)
        {
            var slot = CheckInput(name, value);
            state.Values[slot] = value;
            state.Status[slot] = FactStatus.Present;
        }

        var (truth, firings) = Matcher.Run(Rules, Plan, state, (options ?? EvaluationOptions.Default).MaxFirings, cancellationToken);
        return new EvaluationResult(this, state, truth, firings);
    }

    /// <summary>The index of the rule with the given id, or -1.</summary>
    internal int IndexOf(string id) => _ruleIndex.TryGetValue(id, out var i) ? i : -1;

    internal int[] EmittersOf(string code) => _emitters.TryGetValue(code, out var rules) ? rules : [];

    internal int CheckInput(string name, FactValue value)
    {
        if (!Facts.TryGet(name, out var slot))
        {
            var hint = NameSuggester.Suggest(name, Facts.Slots.Keys);
            throw new ArgumentException($"fact '{name}' is not declared by rule set {Identity}" + (hint is null ? string.Empty : $" (did you mean '{hint}'?)"), nameof(name));
        }

        var definition = Facts.Definitions[slot];
        if (definition.Origin != FactOrigin.Input)
        {
            throw new ArgumentException($"fact '{name}' is derived by rules and cannot be supplied", nameof(name));
        }

        var numeric = FactValue.IsNumeric(value.Type) && FactValue.IsNumeric(definition.Type);
        if (value.Type != definition.Type && !numeric)
        {
            throw new ArgumentException($"fact '{name}' is {definition.Type} but was given a {value.Type} value", nameof(value));
        }

        // A fraction would silently compare as if the integer fact could hold it; rules never see one.
        if (definition.Type == FactType.Integer && value.Number != decimal.Truncate(value.Number))
        {
            throw new ArgumentException($"fact '{name}' is Integer but was given the fraction {value}", nameof(value));
        }

        var allowed = definition.AllowedValues;
        var symbols = value.Type == FactType.Enum ? [value.Symbol!] : value.Symbols;
        foreach (var symbol in symbols)
        {
            if (!allowed.Contains(symbol, StringComparer.Ordinal))
            {
                throw new ArgumentException($"'{symbol}' is not an allowed value of fact '{name}'", nameof(value));
            }
        }

        return slot;
    }
}

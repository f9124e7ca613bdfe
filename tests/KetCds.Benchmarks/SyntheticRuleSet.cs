using System.Collections.Immutable;
using KetCds.Engine;

namespace KetCds.Benchmarks;

/// <summary>
/// A deterministic synthetic rule set shaped like a clinical one (see README.md): a vocabulary that grows with the
/// rule count, 70% emitters each guarded by an input fact, 30% deriving rules in four strata, 2-4 tests a rule.
/// </summary>
public sealed class SyntheticRuleSet
{
    private const int Strata = 4;
    private const int CaseSize = 30;
    private readonly Random _random;
    private readonly List<FactDefinition> _inputs = [];
    private readonly List<(FactDefinition Fact, int Stratum)> _derived = [];

    private SyntheticRuleSet(int ruleCount, int seed)
    {
        _random = new Random(seed);
        var inputCount = Math.Max(CaseSize, ruleCount / 20);
        var derivedCount = Math.Max(5, ruleCount / 20);
        for (var i = 0; i < inputCount; i++)
        {
            _inputs.Add(InputFact($"in_{i:D4}"));
        }

        for (var i = 0; i < derivedCount; i++)
        {
            _derived.Add((new FactDefinition($"dv_{i:D4}", FactType.Boolean, FactOrigin.Derived, "derived flag", []), 1 + (i % Strata)));
        }

        var rules = new List<Rule>(ruleCount);
        var deriving = ruleCount * 3 / 10;
        for (var i = 0; i < deriving; i++)
        {
            // Every derived fact gets producers in turn, so none is left underived.
            var (fact, stratum) = _derived[i % _derived.Count];
            rules.Add(new Rule($"derive.{i:D5}", $"Derive {fact.Name}", "Synthetic deriving rule.", _random.Next(3), Conjunction(stratum, guard: false), [new DeriveAction(fact.Name, TypedValue.True)], []));
        }

        for (var i = deriving; i < ruleCount; i++)
        {
            var kind = (OutcomeKind)_random.Next(4);
            ImmutableArray<OutcomeAttribute> attributes = _random.Next(2) == 0 ? [] : [new OutcomeAttribute("strength", TypedValue.Integer(_random.Next(5)))];
            rules.Add(new Rule($"emit.{i:D5}", $"Emit {i}", "Synthetic emitting rule.", 0, Conjunction(Strata + 1, guard: true),
                [new EmitAction(kind, $"code.{i % Math.Max(10, ruleCount / 5):D4}", $"Outcome text {i}.", attributes)],
                [$"source.claim-{i % 50}"]));
        }

        Model = new RuleSetModel("synthetic", "1.0.0", [.. _inputs, .. _derived.Select(d => d.Fact)], [.. rules]);
        Case = FactSet.From(_inputs.OrderBy(_ => _random.Next()).Take(CaseSize).Select(f => new KeyValuePair<string, TypedValue>(f.Name, RandomValue(f))));
        DenseCase = FactSet.From(_inputs.Select(f => new KeyValuePair<string, TypedValue>(f.Name, RandomValue(f))));
    }

    /// <summary>The model.</summary>
    public RuleSetModel Model { get; }

    /// <summary>A case of 30 input facts.</summary>
    public FactSet Case { get; }

    /// <summary>A case supplying every input fact: the dense, worst case per rule.</summary>
    public FactSet DenseCase { get; }

    /// <summary>Builds the rule set with <paramref name="ruleCount"/> rules from a fixed seed.</summary>
    public static SyntheticRuleSet Create(int ruleCount, int seed = 20_240_601) => new(ruleCount, seed);

    /// <summary>Compiles the model, failing loudly if the generator ever produces an invalid one.</summary>
    public CompiledRuleSet Compile()
    {
        var compilation = RuleSetCompiler.Compile(Model);
        return compilation.RuleSet ?? throw new InvalidOperationException(string.Join(Environment.NewLine, compilation.Errors));
    }

    private FactDefinition InputFact(string name) => _random.Next(10) switch
    {
        < 4 => new FactDefinition(name, FactType.Boolean, FactOrigin.Input, "input flag", []),
        < 7 => new FactDefinition(name, FactType.Integer, FactOrigin.Input, "input number", [], "points"),
        < 9 => new FactDefinition(name, FactType.Enum, FactOrigin.Input, "input choice", ["a", "b", "c", "d"]),
        _ => new FactDefinition(name, FactType.EnumSet, FactOrigin.Input, "input set", ["a", "b", "c", "d", "e"]),
    };

    private Condition Conjunction(int stratum, bool guard)
    {
        var count = 2 + _random.Next(3);
        var items = new List<Condition>(count);
        if (guard)
        {
            items.Add(Test(_inputs[_random.Next(_inputs.Count)]));
        }

        var lower = _derived.Where(d => d.Stratum < stratum).ToArray();
        while (items.Count < count)
        {
            if (lower.Length > 0 && _random.Next(10) < 3)
            {
                var fact = lower[_random.Next(lower.Length)].Fact.Name;
                items.Add(_random.Next(5) == 0 ? new NotCondition(Is(fact)) : Is(fact));
            }
            else
            {
                var test = Test(_inputs[_random.Next(_inputs.Count)]);
                items.Add(_random.Next(8) == 0 ? new AnyCondition([test, Test(_inputs[_random.Next(_inputs.Count)])]) : test);
            }
        }

        return new AllCondition([.. items]);
    }

    private static ComparisonCondition Is(string fact) => new(fact, ComparisonOperator.Equal, TypedValue.True);

    private Condition Test(FactDefinition fact) => fact.Type switch
    {
        FactType.Boolean => new ComparisonCondition(fact.Name, ComparisonOperator.Equal, TypedValue.Boolean(_random.Next(3) > 0)),
        FactType.Integer => _random.Next(2) == 0
            ? new ComparisonCondition(fact.Name, (ComparisonOperator)(2 + _random.Next(4)), TypedValue.Integer(_random.Next(10)))
            : new RangeCondition(fact.Name, TypedValue.Integer(_random.Next(5)), TypedValue.Integer(5 + _random.Next(5))),
        FactType.Enum => new MembershipCondition(fact.Name, MembershipOperator.In, _random.Next(2) == 0 ? ["a"] : ["b", "c"]),
        _ => new MembershipCondition(fact.Name, _random.Next(2) == 0 ? MembershipOperator.ContainsAny : MembershipOperator.ContainsNone, ["a", "c"]),
    };

    private TypedValue RandomValue(FactDefinition fact) => fact.Type switch
    {
        FactType.Boolean => TypedValue.Boolean(_random.Next(4) > 0),
        FactType.Integer => TypedValue.Integer(_random.Next(10)),
        FactType.Enum => TypedValue.Enum(fact.AllowedValues[_random.Next(fact.AllowedValues.Length)]),
        _ => TypedValue.EnumSet(fact.AllowedValues.Where(_ => _random.Next(2) == 0)),
    };
}

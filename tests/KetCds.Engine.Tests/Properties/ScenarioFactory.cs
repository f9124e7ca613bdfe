using FsCheck;
using FsCheck.Fluent;

namespace KetCds.Engine.Tests.Properties;

/// <summary>
/// Builds random but valid models: a vocabulary of boolean, integer, enum and set inputs; derived boolean flags
/// and enum choices in levels; rules with nested all/any/not conditions. Derived facts at a level are only tested
/// negatively by rules of higher levels, so no model has a cycle through negation, while positive cycles
/// (flags of one level feeding each other) are common. Choice facts take conflicting values from several
/// producers of different priority, so conflict resolution is exercised; they read only lower levels.
/// </summary>
internal sealed class ScenarioFactory
{
    private static readonly string[] Symbols = ["p", "q", "r", "s"];
    private readonly Random _random;
    private readonly List<FactDefinition> _facts = [];
    private readonly Dictionary<string, int> _level = new(StringComparer.Ordinal);
    private readonly List<Rule> _rules = [];

    private ScenarioFactory(int seed) => _random = new Random(seed);

    public static Arbitrary<Scenario> Arbitrary() =>
        Gen.Sized(size => Gen.Choose(0, int.MaxValue).Select(seed => Create(seed, size))).ToArbitrary();

    public static Scenario Create(int seed, int size)
    {
        var factory = new ScenarioFactory(seed);
        var model = factory.BuildModel(Math.Clamp(size, 1, 100));
        return new Scenario(seed, size, model, factory.BuildFacts());
    }

    private RuleSetModel BuildModel(int size)
    {
        var scale = 1 + (size / 25);
        Declare("b", FactType.Boolean, 1 + _random.Next(2 * scale), 0);
        Declare("n", FactType.Integer, 1 + _random.Next(2 * scale), 0);
        Declare("e", FactType.Enum, 1 + _random.Next(scale + 1), 0);
        Declare("s", FactType.EnumSet, _random.Next(scale + 1), 0);
        var levels = 1 + _random.Next(3);
        for (var level = 1; level <= levels; level++)
        {
            Declare($"f{level}_", FactType.Boolean, 1 + _random.Next(2 + scale), level);
            Declare($"c{level}_", FactType.Enum, _random.Next(3), level);
        }

        foreach (var fact in _facts.Where(f => f.Origin == FactOrigin.Derived).ToArray())
        {
            var producers = 1 + _random.Next(3);
            for (var i = 0; i < producers; i++)
            {
                AddProducer(fact);
            }
        }

        var emitters = 2 + _random.Next(4 + (size / 4));
        for (var i = 0; i < emitters; i++)
        {
            AddEmitter(i);
        }

        return new RuleSetModel("random", "1", [.. _facts], [.. _rules]);
    }

    private void Declare(string prefix, FactType type, int count, int level)
    {
        for (var i = 0; i < count; i++)
        {
            var name = (level == 0 ? "i" + prefix : "d" + prefix) + i;
            string[] values = type is FactType.Enum or FactType.EnumSet ? Symbols[..(2 + _random.Next(3))] : [];
            _facts.Add(new FactDefinition(name, type, level == 0 ? FactOrigin.Input : FactOrigin.Derived, $"fact {name}", [.. values]));
            _level[name] = level;
        }
    }

    private void AddProducer(FactDefinition fact)
    {
        var level = _level[fact.Name];
        var id = $"derive.{fact.Name}.{_rules.Count}";
        var priority = _random.Next(3);
        if (fact.Type == FactType.Enum)
        {
            // Choice facts read strictly lower levels, so they never sit in a cycle and priority alone decides.
            var value = TypedValue.Enum(Pick(fact.AllowedValues));
            // Short conditions, so that several producers often hold at once and priority has to decide.
            var when = _random.Next(2) == 0 ? Condition(level - 1, sameLevel: -1, depth: 3, negated: false) : Condition(level - 1, sameLevel: -1, depth: 0, negated: false);
            _rules.Add(new Rule(id, id, id, priority, when, [new DeriveAction(fact.Name, value)], []));
            return;
        }

        List<RuleAction> actions = [new DeriveAction(fact.Name, TypedValue.True)];
        var sibling = _facts.Where(f => f.Type == FactType.Boolean && _level[f.Name] == level && f.Name != fact.Name).ToArray();
        if (sibling.Length > 0 && _random.Next(5) == 0)
        {
            actions.Add(new DeriveAction(sibling[_random.Next(sibling.Length)].Name, TypedValue.True));
        }

        _rules.Add(new Rule(id, id, id, priority, Condition(level - 1, sameLevel: level, depth: 0, negated: false), [.. actions], [$"claim.{_rules.Count % 3}"]));
    }

    private void AddEmitter(int i)
    {
        var id = $"emit.{i}";
        List<RuleAction> actions = [new EmitAction((OutcomeKind)_random.Next(4), $"code.{_random.Next(4)}", $"text {i}", [new OutcomeAttribute("rank", TypedValue.Integer(i))])];
        if (_random.Next(3) == 0)
        {
            actions.Add(new RequestDataAction(Pick(_facts.Where(f => f.Origin == FactOrigin.Input).Select(f => f.Name).ToArray()), $"reason {i}"));
        }

        var maxLevel = _level.Values.Max();
        _rules.Add(new Rule(id, id, id, _random.Next(3), Condition(maxLevel, sameLevel: -1, depth: 0, negated: false), [.. actions], [$"claim.{i % 4}", "claim.x"]));
    }

    /// <summary>A condition over facts up to <paramref name="maxLevel"/>, plus flags of <paramref name="sameLevel"/> tested only positively.</summary>
    private Condition Condition(int maxLevel, int sameLevel, int depth, bool negated)
    {
        var roll = _random.Next(10);
        if (depth == 0 || (depth < 3 && roll < 3))
        {
            var count = 1 + _random.Next(depth == 0 ? 4 : 3);
            var items = Enumerable.Range(0, count).Select(_ => Condition(maxLevel, sameLevel, depth + 1, negated)).ToArray();
            return depth == 0 || roll < 2 ? new AllCondition([.. items]) : new AnyCondition([.. items]);
        }

        if (depth < 3 && roll == 3)
        {
            return new NotCondition(Condition(maxLevel, sameLevel, depth + 1, !negated));
        }

        var candidates = _facts.Where(f => _level[f.Name] <= maxLevel || (!negated && _level[f.Name] == sameLevel && f.Type == FactType.Boolean)).ToArray();
        var fact = candidates[_random.Next(candidates.Length)];
        var positiveOnly = _level[fact.Name] == sameLevel && _level[fact.Name] > maxLevel;
        return Atom(fact, positiveOnly);
    }

    private Condition Atom(FactDefinition fact, bool positiveOnly)
    {
        if (_random.Next(6) == 0)
        {
            return new PresenceCondition(fact.Name, positiveOnly || _random.Next(2) == 0);
        }

        switch (fact.Type)
        {
            case FactType.Boolean:
                var op = positiveOnly || _random.Next(3) > 0 ? ComparisonOperator.Equal : ComparisonOperator.NotEqual;
                return new ComparisonCondition(fact.Name, op, TypedValue.Boolean(positiveOnly || _random.Next(3) > 0));
            case FactType.Integer:
                if (_random.Next(4) == 0)
                {
                    var low = _random.Next(6);
                    var high = low + _random.Next(4);
                    var open = _random.Next(4);
                    return new RangeCondition(fact.Name, open == 0 ? null : TypedValue.Integer(low), open == 1 ? null : TypedValue.Integer(high));
                }

                return new ComparisonCondition(fact.Name, (ComparisonOperator)_random.Next(6), TypedValue.Integer(_random.Next(6)));
            case FactType.Enum:
                return _random.Next(3) switch
                {
                    0 => new ComparisonCondition(fact.Name, _random.Next(2) == 0 ? ComparisonOperator.Equal : ComparisonOperator.NotEqual, TypedValue.Enum(Pick(fact.AllowedValues))),
                    1 => new MembershipCondition(fact.Name, MembershipOperator.In, [.. Subset(fact.AllowedValues, nonEmpty: true)]),
                    _ => new MembershipCondition(fact.Name, MembershipOperator.NotIn, [.. Subset(fact.AllowedValues, nonEmpty: true)]),
                };
            default:
                return _random.Next(4) switch
                {
                    0 => new ComparisonCondition(fact.Name, ComparisonOperator.Equal, TypedValue.EnumSet(Subset(fact.AllowedValues, nonEmpty: false))),
                    var k => new MembershipCondition(fact.Name, (MembershipOperator)(k + 1), [.. Subset(fact.AllowedValues, nonEmpty: true)]),
                };
        }
    }

    private List<KeyValuePair<string, TypedValue>> BuildFacts()
    {
        var facts = new List<KeyValuePair<string, TypedValue>>();
        foreach (var fact in _facts.Where(f => f.Origin == FactOrigin.Input))
        {
            if (_random.Next(10) < 4)
            {
                continue;
            }

            TypedValue value = fact.Type switch
            {
                FactType.Boolean => TypedValue.Boolean(_random.Next(2) == 0),
                FactType.Integer => TypedValue.Integer(_random.Next(7)),
                FactType.Enum => TypedValue.Enum(Pick(fact.AllowedValues)),
                _ => TypedValue.EnumSet(Subset(fact.AllowedValues, nonEmpty: false)),
            };
            facts.Add(new(fact.Name, value));
        }

        return facts;
    }

    private string Pick(IReadOnlyList<string> values) => values[_random.Next(values.Count)];

    private string[] Subset(IReadOnlyList<string> values, bool nonEmpty)
    {
        var subset = values.Where(_ => _random.Next(2) == 0).ToArray();
        return subset.Length == 0 && nonEmpty ? [Pick(values)] : subset;
    }
}

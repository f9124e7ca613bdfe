namespace KetCds.Engine.Tests.Properties;

/// <summary>
/// A deliberately naive interpreter of the engine's documented semantics, written from the specification and
/// sharing no code with the engine: Kleene three-valued logic; derived facts grouped by mutual (positive)
/// dependency and evaluated group by group in dependency order; within a group, rules fire until nothing new
/// holds (conflicts go to the highest priority, then the lowest rule id, unless a producer ranked above the winner
/// is unknown and would derive another value: then the fact is undecided), then facts no rule derived become
/// undecided while some producer is unknown, repeated to a fixed point; finally every rule is judged against
/// the final facts.
/// </summary>
internal sealed class ReferenceEvaluator
{
    private enum Status
    {
        Missing,
        Present,
        NotDerived,
        Undecided,
    }

    private readonly RuleSetModel _model;
    private readonly Dictionary<string, (Status Status, TypedValue? Value)> _state = new(StringComparer.Ordinal);
    private readonly HashSet<string> _fired = new(StringComparer.Ordinal);

    private ReferenceEvaluator(RuleSetModel model) => _model = model;

    public sealed record Result(IReadOnlyDictionary<string, Truth> RuleTruth, IReadOnlyDictionary<string, TypedValue> Derived);

    public static Result Evaluate(RuleSetModel model, IEnumerable<KeyValuePair<string, TypedValue>> facts)
    {
        var evaluator = new ReferenceEvaluator(model);
        return evaluator.Run(facts);
    }

    private Result Run(IEnumerable<KeyValuePair<string, TypedValue>> facts)
    {
        foreach (var fact in _model.Facts)
        {
            _state[fact.Name] = (fact.Origin == FactOrigin.Derived ? Status.NotDerived : Status.Missing, null);
        }

        foreach (var (name, value) in facts)
        {
            _state[name] = (Status.Present, value);
        }

        foreach (var group in GroupsInDependencyOrder())
        {
            RunGroup(group);
        }

        var truth = new Dictionary<string, Truth>(StringComparer.Ordinal);
        foreach (var rule in _model.Rules)
        {
            truth[rule.Id] = _fired.Contains(rule.Id) ? Truth.True : Judge(rule.When);
            if (!Derives(rule).Any() && truth[rule.Id] == Truth.True)
            {
                _fired.Add(rule.Id);
            }
        }

        var derived = _state.Where(p => p.Value.Status == Status.Present && _model.Facts.Any(f => f.Name == p.Key && f.Origin == FactOrigin.Derived))
            .ToDictionary(p => p.Key, p => p.Value.Value!, StringComparer.Ordinal);
        return new Result(truth, derived);
    }

    private void RunGroup(HashSet<string> group)
    {
        var producers = _model.Rules.Where(r => Derives(r).Any(group.Contains)).ToArray();
        while (true)
        {
            var holding = producers.Where(r => !_fired.Contains(r.Id) && Judge(r.When) == Truth.True)
                .OrderByDescending(r => r.Priority).ThenBy(r => r.Id, StringComparer.Ordinal).ToArray();
            if (holding.Length == 0)
            {
                break;
            }

            foreach (var rule in holding)
            {
                _fired.Add(rule.Id);
                foreach (var derive in rule.Then.OfType<DeriveAction>())
                {
                    if (_state[derive.Fact].Status != Status.NotDerived)
                    {
                        continue;
                    }

                    // A higher-ranked producer left unknown that would derive something else could overturn this value.
                    var contested = producers
                        .Where(p => p != rule && Outranks(p, rule) && !_fired.Contains(p.Id))
                        .Where(p => p.Then.OfType<DeriveAction>().Any(d => d.Fact == derive.Fact && !SameValue(d.Value, derive.Value)))
                        .Any(p => Judge(p.When) == Truth.Unknown);
                    _state[derive.Fact] = contested ? (Status.Undecided, null) : (Status.Present, derive.Value);
                }
            }
        }

        var changed = true;
        while (changed)
        {
            changed = false;
            foreach (var rule in producers.Where(r => !_fired.Contains(r.Id) && Judge(r.When) == Truth.Unknown))
            {
                foreach (var fact in Derives(rule).Where(f => _state[f].Status == Status.NotDerived))
                {
                    _state[fact] = (Status.Undecided, null);
                    changed = true;
                }
            }
        }
    }

    private static bool Outranks(Rule a, Rule b) =>
        a.Priority > b.Priority || (a.Priority == b.Priority && string.CompareOrdinal(a.Id, b.Id) < 0);

    private static bool SameValue(TypedValue a, TypedValue b) => a.ToString() == b.ToString() && a.Type == b.Type;

    private List<HashSet<string>> GroupsInDependencyOrder()
    {
        var derived = _model.Facts.Where(f => f.Origin == FactOrigin.Derived).Select(f => f.Name).ToList();
        var reach = derived.ToDictionary(f => f, f => new HashSet<string>(StringComparer.Ordinal) { f }, StringComparer.Ordinal);
        foreach (var rule in _model.Rules)
        {
            var writes = Derives(rule).ToArray();
            foreach (var read in Mentioned(rule.When).Where(reach.ContainsKey).Concat(writes))
            {
                reach[read].UnionWith(writes);
            }
        }

        // Transitive closure, the slow obvious way.
        var grew = true;
        while (grew)
        {
            grew = false;
            foreach (var from in derived)
            {
                foreach (var via in reach[from].ToArray())
                {
                    var before = reach[from].Count;
                    reach[from].UnionWith(reach[via]);
                    grew |= reach[from].Count != before;
                }
            }
        }

        var groups = new List<HashSet<string>>();
        foreach (var fact in derived.Where(f => !groups.Any(g => g.Contains(f))))
        {
            groups.Add([.. derived.Where(other => reach[fact].Contains(other) && reach[other].Contains(fact))]);
        }

        // A group is ready once no fact outside it that can reach it is still pending.
        var ordered = new List<HashSet<string>>();
        while (groups.Count > 0)
        {
            var ready = groups.First(g => !groups.Any(other => other != g && other.Any(o => g.Any(f => reach[o].Contains(f)))));
            ordered.Add(ready);
            groups.Remove(ready);
        }

        return ordered;
    }

    private static IEnumerable<string> Derives(Rule rule) => rule.Then.OfType<DeriveAction>().Select(d => d.Fact).Distinct();

    public static IEnumerable<string> Mentioned(Condition condition) => condition switch
    {
        AllCondition all => all.Items.SelectMany(Mentioned),
        AnyCondition any => any.Items.SelectMany(Mentioned),
        NotCondition not => Mentioned(not.Inner),
        PresenceCondition p => [p.Fact],
        ComparisonCondition c => [c.Fact],
        RangeCondition r => [r.Fact],
        MembershipCondition m => [m.Fact],
        _ => throw new ArgumentOutOfRangeException(nameof(condition)),
    };

    private Truth Judge(Condition condition)
    {
        switch (condition)
        {
            case AllCondition all:
                var verdicts = all.Items.Select(Judge).ToList();
                return verdicts.Contains(Truth.False) ? Truth.False : verdicts.Contains(Truth.Unknown) ? Truth.Unknown : Truth.True;
            case AnyCondition any:
                var options = any.Items.Select(Judge).ToList();
                return options.Contains(Truth.True) ? Truth.True : options.Contains(Truth.Unknown) ? Truth.Unknown : Truth.False;
            case NotCondition not:
                return Judge(not.Inner) switch { Truth.True => Truth.False, Truth.False => Truth.True, _ => Truth.Unknown };
        }

        var name = Mentioned(condition).Single();
        var (status, value) = _state[name];
        if (status == Status.Undecided)
        {
            return Truth.Unknown;
        }

        if (condition is PresenceCondition presence)
        {
            return (status == Status.Present) == presence.Present ? Truth.True : Truth.False;
        }

        if (status == Status.Missing)
        {
            return Truth.Unknown;
        }

        if (status == Status.NotDerived)
        {
            // Known absence: a test that asks for "not this" holds, any other does not.
            var negative = condition is ComparisonCondition { Operator: ComparisonOperator.NotEqual }
                or MembershipCondition { Operator: MembershipOperator.NotIn or MembershipOperator.ContainsNone };
            return negative ? Truth.True : Truth.False;
        }

        return Holds(condition, value!) ? Truth.True : Truth.False;
    }

    private static bool Holds(Condition condition, TypedValue value)
    {
        switch (condition)
        {
            case ComparisonCondition c:
                var same = value.Type switch
                {
                    FactType.Enum => value.Symbol == c.Value.Symbol,
                    FactType.EnumSet => value.Symbols.Order().SequenceEqual(c.Value.Symbols.Order()),
                    _ => value.Number == c.Value.Number,
                };
                return c.Operator switch
                {
                    ComparisonOperator.Equal => same,
                    ComparisonOperator.NotEqual => !same,
                    ComparisonOperator.LessThan => value.Number < c.Value.Number,
                    ComparisonOperator.LessThanOrEqual => value.Number <= c.Value.Number,
                    ComparisonOperator.GreaterThan => value.Number > c.Value.Number,
                    _ => value.Number >= c.Value.Number,
                };
            case RangeCondition r:
                return (r.Minimum is null || value.Number >= r.Minimum.Number) && (r.Maximum is null || value.Number <= r.Maximum.Number);
            case MembershipCondition m:
                var held = value.Type == FactType.Enum ? [value.Symbol!] : value.Symbols.ToArray();
                return m.Operator switch
                {
                    MembershipOperator.In or MembershipOperator.ContainsAny => m.Symbols.Any(held.Contains),
                    MembershipOperator.NotIn or MembershipOperator.ContainsNone => !m.Symbols.Any(held.Contains),
                    _ => m.Symbols.All(held.Contains),
                };
            default:
                throw new ArgumentOutOfRangeException(nameof(condition));
        }
    }
}

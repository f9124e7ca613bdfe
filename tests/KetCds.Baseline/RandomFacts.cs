using KetCds.Engine;

namespace KetCds.Baseline;

/// <summary>
/// Deterministic random input fact sets drawn from a rule set's vocabulary: each input left out with some
/// probability, numbers near the literals the rules test (so thresholds are hit on both sides), symbols and subsets
/// from the allowed values.
/// </summary>
public static class RandomFacts
{
    /// <summary>Generates <paramref name="count"/> fact sets from <paramref name="seed"/>; <paramref name="supplied"/> is the chance each input is given.</summary>
    public static IReadOnlyList<FactSet> Generate(CompiledRuleSet ruleSet, int seed, int count, double supplied = 0.6)
    {
        ArgumentNullException.ThrowIfNull(ruleSet);
        var random = new Random(seed);
        var inputs = ruleSet.Model.Facts.Where(f => f.Origin == FactOrigin.Input).OrderBy(f => f.Name, StringComparer.Ordinal).ToArray();
        var literals = inputs.ToDictionary(f => f.Name, f => Literals(ruleSet.Model, f.Name), StringComparer.Ordinal);
        var sets = new List<FactSet>(count);
        for (var i = 0; i < count; i++)
        {
            var facts = new List<KeyValuePair<string, TypedValue>>();
            foreach (var fact in inputs)
            {
                if (random.NextDouble() >= supplied)
                {
                    continue;
                }

                facts.Add(new(fact.Name, Value(random, fact, literals[fact.Name])));
            }

            sets.Add(FactSet.From(facts));
        }

        return sets;
    }

    private static TypedValue Value(Random random, FactDefinition fact, decimal[] literals)
    {
        var values = fact.AllowedValues;
        switch (fact.Type)
        {
            case FactType.Boolean:
                return TypedValue.Boolean(random.Next(2) == 0);
            case FactType.Enum:
                return TypedValue.Enum(values[random.Next(values.Length)]);
            case FactType.EnumSet:
                var density = random.NextDouble() * 0.5;
                return TypedValue.EnumSet(values.Where(_ => random.NextDouble() < density));
        }

        var number = literals.Length > 0 && random.Next(4) > 0
            ? literals[random.Next(literals.Length)] + random.Next(-1, 2)
            : random.Next(0, 40);
        return fact.Type switch
        {
            FactType.Integer => TypedValue.Integer((long)Math.Max(0, number)),
            FactType.Decimal => TypedValue.Decimal(number),
            FactType.Duration => TypedValue.Duration(Math.Max(0, number), DurationUnit.Hours),
            _ => TypedValue.Date(DateOnly.FromDayNumber((int)Math.Max(0, number))),
        };
    }

    private static decimal[] Literals(RuleSetModel model, string fact) =>
        [.. model.Rules.SelectMany(r => Atoms(r.When)).SelectMany(a => a switch
        {
            ComparisonCondition c when c.Fact == fact => [c.Value.Number],
            RangeCondition r when r.Fact == fact => new[] { r.Minimum?.Number, r.Maximum?.Number }.OfType<decimal>(),
            _ => [],
        }).Distinct().Order()];

    private static IEnumerable<Condition> Atoms(Condition condition) => condition switch
    {
        AllCondition all => all.Items.SelectMany(Atoms),
        AnyCondition any => any.Items.SelectMany(Atoms),
        NotCondition not => Atoms(not.Inner),
        _ => [condition],
    };
}

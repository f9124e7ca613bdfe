namespace KetCds.Engine.NRules.Tests;

/// <summary>
/// Random input fact sets for any rule-set model, straight from its vocabulary: each input present or absent; numbers
/// drawn around the literals the rules compare them with (just below, at, just above) as well as anywhere, so that
/// thresholds are crossed both ways; enums and sets from their allowed values.
/// </summary>
internal sealed class FactSetGenerator
{
    private readonly FactDefinition[] _inputs;
    private readonly Dictionary<string, decimal[]> _literals;

    public FactSetGenerator(RuleSetModel model)
    {
        _inputs = [.. model.Facts.Where(f => f.Origin == FactOrigin.Input).OrderBy(f => f.Name, StringComparer.Ordinal)];
        _literals = model.Rules
            .SelectMany(r => Literals(r.When))
            .GroupBy(x => x.Fact, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(x => x.Number).Distinct().Order().ToArray(), StringComparer.Ordinal);
    }

    public FactSet Create(int seed)
    {
        var random = new Random(seed);
        var absentOneIn = 2 + random.Next(6);
        var facts = new List<KeyValuePair<string, TypedValue>>();
        foreach (var fact in _inputs)
        {
            if (random.Next(absentOneIn) == 0)
            {
                continue;
            }

            facts.Add(new(fact.Name, Value(fact, random)));
        }

        return FactSet.From(facts);
    }

    private TypedValue Value(FactDefinition fact, Random random)
    {
        switch (fact.Type)
        {
            case FactType.Boolean:
                return TypedValue.Boolean(random.Next(2) == 0);
            case FactType.Enum:
                return TypedValue.Enum(fact.AllowedValues[random.Next(fact.AllowedValues.Length)]);
            case FactType.EnumSet:
                return TypedValue.EnumSet(fact.AllowedValues.Where(_ => random.Next(3) == 0));
        }

        var number = Number(fact, random);
        return fact.Type switch
        {
            FactType.Integer => TypedValue.Integer((long)decimal.Round(number)),
            FactType.Decimal => TypedValue.Decimal(number),
            FactType.Duration => TypedValue.Duration(Math.Max(0m, number), DurationUnit.Hours),
            _ => TypedValue.Date(DateOnly.FromDayNumber((int)Math.Clamp(decimal.Round(number), 1m, 3_000_000m))),
        };
    }

    private decimal Number(FactDefinition fact, Random random)
    {
        var step = fact.Type switch { FactType.Decimal => 0.5m, FactType.Duration => 1m, _ => 1m };
        if (_literals.TryGetValue(fact.Name, out var literals) && random.Next(4) > 0)
        {
            return literals[random.Next(literals.Length)] + (step * (random.Next(3) - 1));
        }

        var top = literals is { Length: > 0 } ? Math.Max(literals[^1] * 2, 10m) : 100m;
        return fact.Type == FactType.Decimal ? decimal.Round((decimal)random.NextDouble() * top, 1) : random.Next((int)Math.Min(top, 1_000_000m) + 1);
    }

    private static IEnumerable<(string Fact, decimal Number)> Literals(Condition condition) => condition switch
    {
        AllCondition all => all.Items.SelectMany(Literals),
        AnyCondition any => any.Items.SelectMany(Literals),
        NotCondition not => Literals(not.Inner),
        ComparisonCondition c when c.Value.Type is not (FactType.Enum or FactType.EnumSet or FactType.Boolean) => [(c.Fact, c.Value.Number)],
        RangeCondition r => new[] { r.Minimum, r.Maximum }.OfType<TypedValue>().Select(v => (r.Fact, v.Number)),
        _ => [],
    };
}

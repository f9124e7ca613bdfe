using System.Collections.Immutable;
using KetCds.Engine;
using KetCds.Rules.Internal.Vocabulary;
using KetCds.Rules.Internal.Yaml;

namespace KetCds.Rules.Internal.Rules;

/// <summary>Reads a rule's <c>when:</c> into an engine condition; a part with errors is reported and replaced by a placeholder.</summary>
internal sealed class ConditionReader(RuleContext context)
{
    /// <summary>Deep enough for any real rule, shallow enough that recursion here and in the engine stays safe.</summary>
    public const int MaxDepth = 64;

    public static ImmutableArray<string> Operators { get; } =
    [
        "equals", "not_equals", "less_than", "at_most", "greater_than", "at_least", "between",
        "in", "not_in", "contains_any", "contains_all", "contains_none",
    ];

    private FileScope File => context.File;

    public Condition Read(YamlNode node, int depth = 0)
    {
        if (depth > MaxDepth)
        {
            return Fail(node, $"conditions are nested more than {MaxDepth} levels deep");
        }

        return node switch
        {
            YamlSequenceNode list => Junction(list, "all", File.At(list), depth),
            YamlMappingNode map => Single(map, depth),
            _ => Fail(node, $"a condition must be a mapping such as 'fact: value' or a list of conditions, but is {FileScope.Describe(node)}"),
        };
    }

    private Condition Single(YamlMappingNode map, int depth)
    {
        if (map.Children.Count == 1)
        {
            var (key, value) = map.Children[0];
            return Entry(key, value, depth);
        }

        if (map.Children.Count == 0)
        {
            return Fail(map, "a condition is empty: write 'fact: value', or use all, any, not, known or absent");
        }

        // Still read every entry so all their own errors are reported now.
        foreach (var (key, value) in map.Children)
        {
            Entry(key, value, depth);
        }

        File.Error(map.Children[1].Key, $"a condition has exactly one key, but this one has {map.Children.Count}; list several conditions under 'all:' (or as a list)");
        return context.Placeholders.Condition(File.At(map));
    }

    private Condition Entry(YamlNode keyNode, YamlNode value, int depth)
    {
        if (keyNode is not YamlScalarNode { Value: { } key } || FileScope.IsNull(keyNode))
        {
            return Fail(keyNode, $"a condition key must be a fact name or all, any, not, known or absent, but is {FileScope.Describe(keyNode)}");
        }

        var at = File.At(keyNode);
        switch (key)
        {
            case "all" or "any":
                return Junction(value, key, at, depth);
            case "not":
                return new NotCondition(Read(value, depth + 1)) { Location = at };
            case "known" or "absent":
                var name = File.Text(value, $"'{key}'");
                return name is not null && context.Fact(value, name, asConditionKey: false) is not null
                    ? new PresenceCondition(name, key == "known") { Location = File.At(value) }
                    : context.Placeholders.Condition(at);
            default:
                return FactTest(keyNode, key, value);
        }
    }

    private Condition Junction(YamlNode node, string name, SourceLocation at, int depth)
    {
        if (File.Sequence(node, $"'{name}'", nonEmpty: true) is not { } list)
        {
            return context.Placeholders.Condition(at);
        }

        // Loops rather than LINQ over the nodes here and below: the reader runs for every condition of every rule.
        var items = ImmutableArray.CreateBuilder<Condition>(list.Children.Count);
        foreach (var child in list.Children)
        {
            items.Add(Read(child, depth + 1));
        }

        return name == "any" ? new AnyCondition(items.MoveToImmutable()) { Location = at } : new AllCondition(items.MoveToImmutable()) { Location = at };
    }

    private Condition FactTest(YamlNode keyNode, string name, YamlNode value)
    {
        var at = File.At(keyNode);
        var fact = context.Fact(keyNode, name, asConditionKey: true);
        if (fact is null)
        {
            return context.Placeholders.Condition(at);
        }

        if (value is not YamlMappingNode operators)
        {
            // The shorthand 'fact: value' means equality.
            return Literal(fact, value) is { } literal
                ? new ComparisonCondition(fact.Name, ComparisonOperator.Equal, literal) { Location = at }
                : context.Placeholders.Condition(at);
        }

        if (operators.Children.Count == 0)
        {
            return Fail(operators, $"the test on fact '{name}' lists no operators");
        }

        if (operators.Children.Count == 1)
        {
            return Operator(fact, operators.Children[0].Key, operators.Children[0].Value);
        }

        var tests = ImmutableArray.CreateBuilder<Condition>(operators.Children.Count);
        foreach (var (op, operand) in operators.Children)
        {
            tests.Add(Operator(fact, op, operand));
        }

        return new AllCondition(tests.MoveToImmutable()) { Location = File.At(operators) };
    }

    private Condition Operator(FactDefinition fact, YamlNode keyNode, YamlNode value)
    {
        var at = File.At(keyNode);
        var op = (keyNode as YamlScalarNode)?.Value ?? string.Empty;
        if (!Operators.Contains(op, StringComparer.Ordinal))
        {
            var (message, suggestion) = UnknownName.Message("operator", op, Operators, "operators");
            return Fail(keyNode, message, suggestion);
        }

        if (Inapplicable(op, fact.Type) is { } problem)
        {
            return Fail(keyNode, $"'{op}' cannot test fact '{fact.Name}', which is {TypeNames.Article(fact.Type)}; {problem}");
        }

        Condition? test = op switch
        {
            "between" => Range(fact, value),
            "in" or "not_in" or "contains_any" or "contains_all" or "contains_none" => Membership(fact, op, value),
            _ => Literal(fact, value) is { } literal ? new ComparisonCondition(fact.Name, Comparison(op), literal) : null,
        };
        return test is null ? context.Placeholders.Condition(at) : test with { Location = at };
    }

    private RangeCondition? Range(FactDefinition fact, YamlNode value)
    {
        if (value is not YamlSequenceNode { Children.Count: 2 } bounds)
        {
            File.Error(value, $"'between' takes a list of two values [min, max], but is {FileScope.Describe(value)}");
            return null;
        }

        var min = Literal(fact, bounds.Children[0]);
        var max = Literal(fact, bounds.Children[1]);
        return min is null || max is null ? null : new RangeCondition(fact.Name, min, max);
    }

    private MembershipCondition? Membership(FactDefinition fact, string op, YamlNode value)
    {
        if (File.Sequence(value, $"'{op}'", nonEmpty: true) is not { } list
            || LiteralParser.Symbols(File, list, fact.AllowedValues, $"fact '{fact.Name}'") is not { } symbols)
        {
            return null;
        }

        var kind = op switch
        {
            "in" => MembershipOperator.In,
            "not_in" => MembershipOperator.NotIn,
            "contains_any" => MembershipOperator.ContainsAny,
            "contains_all" => MembershipOperator.ContainsAll,
            _ => MembershipOperator.ContainsNone,
        };
        return new MembershipCondition(fact.Name, kind, symbols);
    }

    private TypedValue? Literal(FactDefinition fact, YamlNode node) =>
        LiteralParser.Parse(File, node, fact.Type, fact.AllowedValues, $"fact '{fact.Name}'");

    private static string? Inapplicable(string op, FactType type) => op switch
    {
        "less_than" or "at_most" or "greater_than" or "at_least" or "between" when !TypeNames.IsOrdered(type) =>
            "order comparisons apply to integer, decimal, duration and date facts",
        "in" or "not_in" when type != FactType.Enum =>
            type == FactType.EnumSet ? "use contains_any, contains_all or contains_none on a set" : "'in' and 'not_in' apply to enum facts",
        "contains_any" or "contains_all" or "contains_none" when type != FactType.EnumSet =>
            type == FactType.Enum ? "use 'in' or 'not_in' on an enum" : "contains_any, contains_all and contains_none apply to set facts",
        _ => null,
    };

    private static ComparisonOperator Comparison(string op) => op switch
    {
        "equals" => ComparisonOperator.Equal,
        "not_equals" => ComparisonOperator.NotEqual,
        "less_than" => ComparisonOperator.LessThan,
        "at_most" => ComparisonOperator.LessThanOrEqual,
        "greater_than" => ComparisonOperator.GreaterThan,
        _ => ComparisonOperator.GreaterThanOrEqual,
    };

    private Condition Fail(YamlNode node, string message, string? suggestion = null)
    {
        File.Error(node, message, suggestion);
        return context.Placeholders.Condition(File.At(node));
    }
}

using System.Globalization;
using System.Text;
using KetCds.Engine;

namespace KetCds.Benchmarks;

/// <summary>Writes a synthetic model as a rule-set directory (YAML in JSON flow style) the KetCds.Rules loader reads.</summary>
public static class SyntheticRuleSetFiles
{
    private const int RulesPerFile = 500;

    /// <summary>Writes <paramref name="model"/> under <paramref name="directory"/>: manifest, vocabulary, one source document, rule files.</summary>
    public static void Write(RuleSetModel model, string directory)
    {
        ArgumentNullException.ThrowIfNull(model);
        Directory.CreateDirectory(Path.Combine(directory, "sources"));
        Directory.CreateDirectory(Path.Combine(directory, "synthetic"));
        File.WriteAllText(Path.Combine(directory, "ruleset.yaml"), $"name: {model.Name}\nversion: \"{model.Version}\"\ndescription: A synthetic rule set for load benchmarks.\n");

        var vocabulary = new StringBuilder("facts:\n");
        foreach (var fact in model.Facts)
        {
            vocabulary.Append(CultureInfo.InvariantCulture, $"  {fact.Name}:\n    type: {TypeName(fact.Type)}\n    description: {fact.Description}\n");
            if (!fact.AllowedValues.IsDefaultOrEmpty)
            {
                vocabulary.Append(CultureInfo.InvariantCulture, $"    values: [{string.Join(", ", fact.AllowedValues)}]\n");
            }

            if (fact.Origin == FactOrigin.Derived)
            {
                vocabulary.Append("    derived: true\n");
            }
        }

        vocabulary.Append("attributes:\n  strength:\n    type: integer\n    description: How strong the outcome is.\n");
        File.WriteAllText(Path.Combine(directory, "vocabulary.yaml"), vocabulary.ToString());

        var claims = model.Rules.SelectMany(r => r.Citations).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        var source = new StringBuilder("document:\n  id: source\n  title: Synthetic source\n  kind: review-article\n  quality: Made up for benchmarks.\n  sections: [lead]\nclaims:\n");
        foreach (var claim in claims)
        {
            source.Append(CultureInfo.InvariantCulture, $"  - id: {claim}\n    topic: evidence-quality\n    says: A synthetic claim.\n    section: lead\n    anchor: \"synthetic\"\n");
        }

        File.WriteAllText(Path.Combine(directory, "sources", "source.yaml"), source.ToString());

        var files = model.Rules.Chunk(RulesPerFile).ToArray();
        for (var f = 0; f < files.Length; f++)
        {
            var text = new StringBuilder("rules:\n");
            foreach (var rule in files[f])
            {
                text.Append(CultureInfo.InvariantCulture, $"  - id: {rule.Id}\n    title: {rule.Title}\n    description: {rule.Description}\n    priority: {rule.Priority}\n");
                if (!rule.Citations.IsDefaultOrEmpty)
                {
                    text.Append(CultureInfo.InvariantCulture, $"    cites: [{string.Join(", ", rule.Citations)}]\n");
                }

                text.Append(CultureInfo.InvariantCulture, $"    when: {Condition(rule.When)}\n    then:\n");
                foreach (var action in rule.Then)
                {
                    text.Append("      - ").Append(Action(action)).Append('\n');
                }
            }

            File.WriteAllText(Path.Combine(directory, "synthetic", $"rules-{f:D3}.yaml"), text.ToString());
        }
    }

    private static string TypeName(FactType type) => type switch
    {
        FactType.EnumSet => "set",
        _ => type.ToString().ToLowerInvariant(),
    };

    private static string Condition(Condition condition) => condition switch
    {
        AllCondition all => $"{{all: [{string.Join(", ", all.Items.Select(Condition))}]}}",
        AnyCondition any => $"{{any: [{string.Join(", ", any.Items.Select(Condition))}]}}",
        NotCondition not => $"{{not: {Condition(not.Inner)}}}",
        ComparisonCondition c => $"{{{c.Fact}: {{{Comparison(c.Operator)}: {Value(c.Value)}}}}}",
        RangeCondition r => $"{{{r.Fact}: {{between: [{Value(r.Minimum!)}, {Value(r.Maximum!)}]}}}}",
        MembershipCondition m => $"{{{m.Fact}: {{{Membership(m.Operator)}: [{string.Join(", ", m.Symbols)}]}}}}",
        PresenceCondition p => $"{{{(p.Present ? "known" : "absent")}: {p.Fact}}}",
        _ => throw new NotSupportedException(condition.GetType().Name),
    };

    private static string Action(RuleAction action) => action switch
    {
        DeriveAction d => $"{{derive: {{{d.Fact}: {Value(d.Value)}}}}}",
        EmitAction e => $"{{{Kind(e.Kind)}: {{code: {e.Code}, text: \"{e.Text}\"{(e.Attributes.IsDefaultOrEmpty ? string.Empty : ", attributes: {" + string.Join(", ", e.Attributes.Select(a => a.Name + ": " + Value(a.Value))) + "}")}}}}}",
        _ => throw new NotSupportedException(action.GetType().Name),
    };

    private static string Kind(OutcomeKind kind) => kind switch
    {
        OutcomeKind.Recommendation => "recommend",
        OutcomeKind.RiskModifier => "risk",
        OutcomeKind.Alert => "alert",
        _ => "finding",
    };

    private static string Comparison(ComparisonOperator op) => op switch
    {
        ComparisonOperator.Equal => "equals",
        ComparisonOperator.NotEqual => "not_equals",
        ComparisonOperator.LessThan => "less_than",
        ComparisonOperator.LessThanOrEqual => "at_most",
        ComparisonOperator.GreaterThan => "greater_than",
        _ => "at_least",
    };

    private static string Membership(MembershipOperator op) => op switch
    {
        MembershipOperator.In => "in",
        MembershipOperator.NotIn => "not_in",
        MembershipOperator.ContainsAny => "contains_any",
        MembershipOperator.ContainsAll => "contains_all",
        _ => "contains_none",
    };

    private static string Value(TypedValue value) => value.Type == FactType.EnumSet ? "[" + string.Join(", ", value.Symbols) + "]" : value.ToString();
}

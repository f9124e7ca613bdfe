using System.Collections.Immutable;
using KetCds.Engine;
using KetCds.Rules.Internal.Yaml;

namespace KetCds.Rules.Internal.Rules;

/// <summary>Reads the actions of a rule's <c>then:</c> list.</summary>
internal sealed class ActionReader(RuleContext context)
{
    public static ImmutableArray<string> Kinds { get; } = ["derive", "recommend", "risk", "alert", "finding", "request"];

    public static ImmutableArray<string> EmitKeys { get; } = ["code", "text", "attributes"];
    public static ImmutableArray<string> RequestKeys { get; } = ["fact", "reason"];

    private FileScope File => context.File;

    /// <summary>Whether an action key emits an outcome (and so requires citations).</summary>
    public static bool IsEmit(string kind) => kind is "recommend" or "risk" or "alert" or "finding";

    /// <summary>Reads one action into <paramref name="into"/>; returns its kind, or null when it has none.</summary>
    public string? Read(YamlNode node, List<RuleAction> into)
    {
        if (node is not YamlMappingNode { Children.Count: 1 } map)
        {
            File.Error(node, $"an action must be a mapping with one key ({string.Join(", ", Kinds)}), but is {Shape(node)}");
            return null;
        }

        var (keyNode, value) = map.Children[0];
        var kind = (keyNode as YamlScalarNode)?.Value ?? string.Empty;
        switch (kind)
        {
            case "derive":
                Derive(value, into);
                break;
            case "request":
                Request(value, into);
                break;
            case "recommend" or "risk" or "alert" or "finding":
                Emit(kind, keyNode, value, into);
                break;
            default:
                var (message, suggestion) = UnknownName.Message("action", kind, Kinds, "actions");
                File.Error(keyNode, message, suggestion);
                return null;
        }

        return kind;
    }

    private void Derive(YamlNode value, List<RuleAction> into)
    {
        if (MappingReader.Open(File, value, "'derive'", null) is not { } map)
        {
            return;
        }

        if (map.Entries.Count == 0)
        {
            File.Error(value, "'derive' must name at least one fact and its value");
        }

        foreach (var (key, name, literal) in map.Entries)
        {
            if (context.Fact(key, name, asConditionKey: false) is not { } fact)
            {
                continue;
            }

            var parsed = LiteralParser.Parse(File, literal, fact.Type, fact.AllowedValues, $"fact '{fact.Name}'");
            if (parsed is null)
            {
                context.Placeholders.FailedDerivations.Add(fact.Name);
                continue;
            }

            into.Add(new DeriveAction(fact.Name, parsed) { Location = File.At(key) });
        }
    }

    private void Request(YamlNode value, List<RuleAction> into)
    {
        if (MappingReader.Open(File, value, "'request'", RequestKeys) is not { } map)
        {
            return;
        }

        var factNode = map.Required("fact");
        var name = factNode is null ? null : File.Text(factNode, "the requested fact");
        var fact = name is null ? null : context.Fact(factNode!, name, asConditionKey: false);
        var reason = map.Required("reason") is { } r ? File.Text(r, "the reason of a request") : null;
        if (fact is not null && reason is not null)
        {
            into.Add(new RequestDataAction(fact.Name, reason) { Location = File.At(factNode!) });
        }
    }

    private void Emit(string kind, YamlNode keyNode, YamlNode value, List<RuleAction> into)
    {
        if (MappingReader.Open(File, value, $"'{kind}'", EmitKeys) is not { } map)
        {
            return;
        }

        var code = map.Required("code") is { } c
            ? File.Name(c, "outcome code", Naming.OutcomeCode(), "use lower-case letters and digits, separated by '.', '_' or '-'")
            : null;
        var text = map.Required("text") is { } t ? File.Text(t, $"the text of '{kind}'") : null;
        var attributes = map.Optional("attributes") is { } a ? Attributes(a) : [];
        if (code is null || text is null || attributes is null)
        {
            return;
        }

        var outcome = kind switch
        {
            "recommend" => OutcomeKind.Recommendation,
            "risk" => OutcomeKind.RiskModifier,
            "alert" => OutcomeKind.Alert,
            _ => OutcomeKind.Finding,
        };
        into.Add(new EmitAction(outcome, code, text, attributes.Value) { Location = File.At(keyNode) });
    }

    private ImmutableArray<OutcomeAttribute>? Attributes(YamlNode node)
    {
        if (MappingReader.Open(File, node, "'attributes'", null) is not { } map)
        {
            return null;
        }

        var result = new List<OutcomeAttribute>();
        var ok = true;
        foreach (var (key, name, literal) in map.Entries)
        {
            var definition = context.Attribute(key, name);
            var value = definition is null ? null : LiteralParser.Parse(File, literal, definition.Type, definition.AllowedValues, $"attribute '{name}'");
            if (value is null)
            {
                ok = false;
                continue;
            }

            result.Add(new OutcomeAttribute(name, value));
        }

        return ok ? [.. result.OrderBy(x => x.Name, StringComparer.Ordinal)] : null;
    }

    private static string Shape(YamlNode node) =>
        node is YamlMappingNode map ? $"a mapping with {map.Children.Count} keys" : FileScope.Describe(node);
}

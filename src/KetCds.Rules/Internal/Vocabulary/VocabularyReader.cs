using System.Collections.Immutable;
using KetCds.Engine;
using KetCds.Rules.Internal.Yaml;

namespace KetCds.Rules.Internal.Vocabulary;

/// <summary>Reads <c>vocabulary.yaml</c>: the facts rules test and derive, and the attributes outcomes carry.</summary>
internal static class VocabularyReader
{
    private const string SymbolFormat = "use lower-case letters, digits and '_', starting with a letter";
    public static ImmutableArray<string> RootKeys { get; } = ["facts", "attributes"];
    public static ImmutableArray<string> FactKeys { get; } = ["type", "unit", "values", "description", "derived"];
    public static ImmutableArray<string> AttributeKeys { get; } = ["type", "unit", "values", "description"];

    public static void Read(FileScope file, YamlNode? root, VocabularyModel into)
    {
        if (root is null)
        {
            file.Error(file.Start, "the vocabulary is empty; it must declare 'facts:'");
            return;
        }

        var map = MappingReader.Open(file, root, "the vocabulary", RootKeys);
        if (map is null)
        {
            return;
        }

        if (map.Required("facts") is { } facts && MappingReader.Open(file, facts, "'facts'", null) is { } factMap)
        {
            into.FactsComplete = true;
            foreach (var (key, name, value) in factMap.Entries)
            {
                ReadFact(file, key, name, value, into);
            }
        }

        into.AttributesComplete = true;
        if (map.Optional("attributes") is { } attributes)
        {
            var attributeMap = MappingReader.Open(file, attributes, "'attributes'", null);
            into.AttributesComplete = attributeMap is not null;
            foreach (var (key, name, value) in attributeMap?.Entries ?? [])
            {
                ReadAttribute(file, key, name, value, into);
            }
        }
    }

    private static void ReadFact(FileScope file, YamlScalarNode key, string name, YamlNode value, VocabularyModel into)
    {
        var ok = CheckName(file, key, name, "fact");
        var m = MappingReader.Open(file, value, $"fact '{name}'", FactKeys);
        if (m is null)
        {
            into.BrokenFacts.Add(name);
            return;
        }

        var type = ReadType(file, m);
        var description = m.Required("description") is { } d ? file.Text(d, $"the description of fact '{name}'") : null;
        var derived = m.Optional("derived") is { } o && file.Boolean(o, $"'derived' of fact '{name}'") == true;
        var unit = ReadUnit(file, m, type, $"fact '{name}'");
        var values = ReadValues(file, m, type, $"fact '{name}'", ref ok);
        if (!ok || type is null)
        {
            into.BrokenFacts.Add(name);
            return;
        }

        into.Add(new FactDefinition(name, type.Value, derived ? FactOrigin.Derived : FactOrigin.Input, description ?? string.Empty, values, unit, file.At(key)));
    }

    private static void ReadAttribute(FileScope file, YamlScalarNode key, string name, YamlNode value, VocabularyModel into)
    {
        var ok = CheckName(file, key, name, "attribute");
        var m = MappingReader.Open(file, value, $"attribute '{name}'", AttributeKeys);
        if (m is null)
        {
            into.BrokenAttributes.Add(name);
            return;
        }

        var type = ReadType(file, m);
        var description = m.Required("description") is { } d ? file.Text(d, $"the description of attribute '{name}'") : null;
        var unit = ReadUnit(file, m, type, $"attribute '{name}'");
        var values = ReadValues(file, m, type, $"attribute '{name}'", ref ok);
        if (!ok || type is null)
        {
            into.BrokenAttributes.Add(name);
            return;
        }

        into.Add(new AttributeDefinition(name, type.Value, description ?? string.Empty, values, unit, file.At(key)));
    }

    private static bool CheckName(FileScope file, YamlScalarNode key, string name, string what)
    {
        if (Naming.ReservedWords.Contains(name, StringComparer.Ordinal))
        {
            file.Error(key, $"'{name}' is a reserved word of the condition language and cannot name a {what}");
            return false;
        }

        if (!Naming.Symbol().IsMatch(name))
        {
            file.Error(key, $"{what} name '{name}' is not valid: {SymbolFormat}");
            return false;
        }

        return true;
    }

    private static FactType? ReadType(FileScope file, MappingReader m)
    {
        if (m.Required("type") is not { } node || file.Text(node, "'type'") is not { } text)
        {
            return null;
        }

        var type = TypeNames.Parse(text);
        if (type is null)
        {
            var (message, suggestion) = UnknownName.Message("type", text, TypeNames.All, "types");
            file.Error(node, message, suggestion);
        }

        return type;
    }

    private static string? ReadUnit(FileScope file, MappingReader m, FactType? type, string subject)
    {
        if (m.Optional("unit") is not { } node)
        {
            return null;
        }

        var unit = file.Text(node, $"the unit of {subject}");
        if (unit is not null && type is not null and not (FactType.Integer or FactType.Decimal))
        {
            file.Error(m.KeyNode("unit")!, $"{subject} is {TypeNames.Article(type.Value)}; only integer and decimal values have a unit");
        }

        return unit;
    }

    private static ImmutableArray<string> ReadValues(FileScope file, MappingReader m, FactType? type, string subject, ref bool ok)
    {
        var node = m.Optional("values");
        if (type is null)
        {
            return [];
        }

        if (!TypeNames.HasValues(type.Value))
        {
            if (node is not null)
            {
                file.Error(m.KeyNode("values")!, $"{subject} is {TypeNames.Article(type.Value)}; only enum and set values are listed under 'values'");
            }

            return [];
        }

        if (node is null)
        {
            file.Error(m.Node, $"{subject} is {TypeNames.Article(type.Value)} and must list its allowed 'values'");
            ok = false;
            return [];
        }

        if (file.Sequence(node, $"the values of {subject}", nonEmpty: true) is not { } list)
        {
            ok = false;
            return [];
        }

        var values = new List<string>();
        foreach (var item in list.Children)
        {
            if (file.Name(item, "value", Naming.Symbol(), SymbolFormat) is not { } symbol)
            {
                continue;
            }

            if (values.Contains(symbol, StringComparer.Ordinal))
            {
                file.Error(item, $"value '{symbol}' is listed more than once");
                continue;
            }

            values.Add(symbol);
        }

        return [.. values];
    }
}

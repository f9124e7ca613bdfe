using System.Text.Json.Nodes;
using KetCds.Rules.Internal;
using KetCds.Rules.Internal.Catalog;
using KetCds.Rules.Internal.Manifest;
using KetCds.Rules.Internal.Rules;
using KetCds.Rules.Internal.Vocabulary;

namespace KetCds.Rules.Tests.Schema;

/// <summary>The editor schemas in rules/schema must describe exactly the language the loader reads.</summary>
public class RuleSchemaTests
{
    public static TheoryData<string> Schemas => new() { "ruleset.schema.json", "vocabulary.schema.json", "source.schema.json", "rules.schema.json" };

    [Theory]
    [MemberData(nameof(Schemas))]
    public void Schema_IsDraft202012WithADescriptionOnEveryProperty(string name)
    {
        var schema = Load(name);
        Assert.Equal("https://json-schema.org/draft/2020-12/schema", (string?)schema["$schema"]);
        var missing = new List<string>();
        Walk(schema, schema, "#", missing);
        Assert.Empty(missing);
    }

    [Fact]
    public void ManifestSchema_MatchesTheLoader() =>
        Assert.Equal(Sorted(ManifestReader.Keys), Keys(Load("ruleset.schema.json")["properties"]));

    [Fact]
    public void VocabularySchema_MatchesTheLoader()
    {
        var schema = Load("vocabulary.schema.json");
        Assert.Equal(Sorted(VocabularyReader.RootKeys), Keys(schema["properties"]));
        Assert.Equal(Sorted(VocabularyReader.FactKeys), Keys(schema["$defs"]!["fact"]!["properties"]));
        Assert.Equal(Sorted(VocabularyReader.AttributeKeys), Keys(schema["$defs"]!["attribute"]!["properties"]));
        Assert.Equal(Sorted(TypeNames.All), Strings(schema["$defs"]!["type"]!["enum"]));
        Assert.Equal(Sorted(Naming.ReservedWords), Strings(schema["$defs"]!["name"]!["not"]!["enum"]));
    }

    [Fact]
    public void SourceSchema_MatchesTheLoader()
    {
        var schema = Load("source.schema.json");
        Assert.Equal(Sorted(SourceFileReader.RootKeys), Keys(schema["properties"]));
        Assert.Equal(Sorted(SourceFileReader.DocumentKeys), Keys(schema["properties"]!["document"]!["properties"]));
        Assert.Equal(Sorted(SourceFileReader.ClaimKeys), Keys(schema["$defs"]!["claim"]!["properties"]));
        Assert.Equal(Sorted(Naming.Topics), Strings(schema["$defs"]!["claim"]!["properties"]!["topic"]!["enum"]));
        Assert.Equal(Sorted(Naming.DocumentKinds), Strings(schema["properties"]!["document"]!["properties"]!["kind"]!["enum"]));
    }

    [Fact]
    public void RulesSchema_MatchesTheLoader()
    {
        var schema = Load("rules.schema.json");
        var defs = schema["$defs"]!;
        Assert.Equal(Sorted(RuleFileReader.FileKeys), Keys(schema["properties"]));
        Assert.Equal(Sorted(RuleFileReader.RuleKeys), Keys(defs["rule"]!["properties"]));
        Assert.Equal(Sorted(ConditionReader.Operators), Keys(defs["operators"]!["properties"]));
        Assert.Equal(Sorted(ActionReader.Kinds), Keys(defs["action"]!["properties"]));
        Assert.Equal(Sorted(ActionReader.EmitKeys), Keys(defs["outcome"]!["properties"]));
        Assert.Equal(Sorted(ActionReader.RequestKeys), Keys(defs["action"]!["properties"]!["request"]!["properties"]));
        Assert.Equal(Sorted(Naming.ReservedWords), Keys(defs["condition"]!["oneOf"]![1]!["properties"]));
    }

    private static JsonNode Load(string name)
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "KetCds.sln")))
        {
            directory = directory.Parent;
        }

        Assert.NotNull(directory);
        return JsonNode.Parse(File.ReadAllText(Path.Combine(directory.FullName, "rules", "schema", name)))!;
    }

    private static void Walk(JsonNode root, JsonNode? node, string path, List<string> missing)
    {
        if (node is JsonArray array)
        {
            for (var i = 0; i < array.Count; i++)
            {
                Walk(root, array[i], $"{path}/{i}", missing);
            }

            return;
        }

        if (node is not JsonObject obj)
        {
            return;
        }

        foreach (var (key, value) in obj)
        {
            // if/then/else only constrain properties declared (and described) elsewhere.
            if (key is "if" or "then" or "else")
            {
                continue;
            }

            if (key == "properties" && value is JsonObject properties)
            {
                foreach (var (name, property) in properties)
                {
                    if (!Described(root, property))
                    {
                        missing.Add($"{path}/properties/{name}");
                    }
                }
            }

            Walk(root, value, $"{path}/{key}", missing);
        }
    }

    /// <summary>A property is described by its own description or by the definition it refers to.</summary>
    private static bool Described(JsonNode root, JsonNode? property)
    {
        if (property?["description"] is not null)
        {
            return true;
        }

        var reference = (string?)property?["$ref"];
        return reference is not null && Described(root, reference.TrimStart('#').Split('/', StringSplitOptions.RemoveEmptyEntries).Aggregate((JsonNode?)root, (n, s) => n?[s]));
    }

    private static string[] Keys(JsonNode? node) => Sorted(((JsonObject)node!).Select(p => p.Key));

    private static string[] Strings(JsonNode? node) => Sorted(((JsonArray)node!).Select(n => (string)n!));

    private static string[] Sorted(IEnumerable<string> items) => [.. items.Order(StringComparer.Ordinal)];
}

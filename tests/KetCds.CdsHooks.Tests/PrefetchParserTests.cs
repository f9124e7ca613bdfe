using System.Text;
using System.Text.Json;
using Hl7.Fhir.Model;
using KetCds.CdsHooks.Internal.Fhir;

namespace KetCds.CdsHooks.Tests;

/// <summary>The prefetch parsed on two threads gives what one reader through the body gives, positions in messages included.</summary>
public sealed class PrefetchParserTests
{
    [Fact]
    public void ParseAll_ManyResourcesSomeInvalid_EachResultIsTheOneThreadParse()
    {
        var parser = new FhirParser();
        // Over the size where a helper is asked for, with invalid resources among the valid ones and sizes out of order.
        var condition = """{"resource":{"resourceType":"Condition","id":"cN","subject":{"reference":"Patient/p"},"code":{"coding":[{"system":"http://snomed.info/sct","code":"128200000"}]}}}""";
        var texts = Enumerable.Range(0, 24).Select(i => i % 5 == 3
            ? """{"resourceType":"Patient","id":"pN","colour":"red"}""".Replace("pN", $"p{i}", StringComparison.Ordinal)
            : i % 7 == 4
                ? """{"resourceType":"Patientt","id":"pN"}""".Replace("pN", $"p{i}", StringComparison.Ordinal)
                : """{"resourceType":"Bundle","type":"searchset","entry":[""" + string.Join(",", Enumerable.Range(0, i % 4 * 3).Select(j => condition.Replace("cN", $"c{i}-{j}", StringComparison.Ordinal))) + "]}").ToList();
        var body = Encoding.UTF8.GetBytes("[" + string.Join(",\n", texts) + "]");
        var resources = new List<(int Start, int Length)>();
        var position = 1;
        foreach (var text in texts)
        {
            resources.Add((position, Encoding.UTF8.GetByteCount(text)));
            position += Encoding.UTF8.GetByteCount(text) + 2;
        }

        Assert.True(body.Length > 8 * 1024);

        // One reader through the whole body, as the request was read before it was parsed on two threads.
        var alone = new List<(Resource? Resource, IReadOnlyList<string> Problems)>();
        var reader = new Utf8JsonReader(body);
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            alone.Add(parser.Parse(ref reader));
        }

        Assert.Equal(texts.Count, alone.Count);
        Assert.Contains(alone, r => r.Problems.Any(p => p.Contains("position", StringComparison.Ordinal)));
        for (var round = 0; round < 20; round++)
        {
            var all = PrefetchParser.ParseAll(parser, body, default, resources);

            Assert.Equal(texts.Count, all.Length);
            for (var i = 0; i < texts.Count; i++)
            {
                Assert.Equal(alone[i].Problems, all[i].Problems);
                Assert.Equal(alone[i].Resource?.Id, all[i].Resource?.Id);
                Assert.Equal((alone[i].Resource as Bundle)?.Entry.Count, (all[i].Resource as Bundle)?.Entry.Count);
            }

            Assert.Contains(all, r => r.Resource is null);
            Assert.Contains(all, r => r.Resource is Bundle { Entry.Count: > 0 });
        }
    }

    [Fact]
    public void ParseAll_NoResources_ReturnsNone()
    {
        Assert.Empty(PrefetchParser.ParseAll(new FhirParser(), "[]"u8.ToArray(), default, []));
    }
}

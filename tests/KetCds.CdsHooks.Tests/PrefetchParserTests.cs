using System.Text;
using Hl7.Fhir.Model;
using KetCds.CdsHooks.Internal.Fhir;

namespace KetCds.CdsHooks.Tests;

/// <summary>The prefetch parsed on two threads gives what parsing each resource alone gives, in the order given.</summary>
public sealed class PrefetchParserTests
{
    [Fact]
    public void ParseAll_ManyResourcesSomeInvalid_EachResultIsTheOneThreadParse()
    {
        var parser = new FhirParser();
        // Over the size where a helper is asked for, with invalid resources among the valid ones and sizes out of order.
        var condition = """{"resource":{"resourceType":"Condition","id":"cN","subject":{"reference":"Patient/p"},"code":{"coding":[{"system":"http://snomed.info/sct","code":"128200000"}]}}}""";
        var resources = Enumerable.Range(0, 24).Select(i => (ReadOnlyMemory<byte>)Encoding.UTF8.GetBytes(i % 5 == 3
            ? """{"resourceType":"Patient","id":"pN","colour":"red"}""".Replace("pN", $"p{i}", StringComparison.Ordinal)
            : i % 7 == 4
                ? """{"resourceType":"Patientt","id":"pN"}""".Replace("pN", $"p{i}", StringComparison.Ordinal)
                : """{"resourceType":"Bundle","type":"searchset","entry":[""" + string.Join(",", Enumerable.Range(0, i % 4 * 3).Select(j => condition.Replace("cN", $"c{i}-{j}", StringComparison.Ordinal))) + "]}")).ToList();
        Assert.True(resources.Sum(r => r.Length) > 8 * 1024);

        for (var round = 0; round < 20; round++)
        {
            var all = PrefetchParser.ParseAll(parser, resources);

            Assert.Equal(resources.Count, all.Length);
            for (var i = 0; i < resources.Count; i++)
            {
                var alone = parser.Parse(resources[i].Span);
                Assert.Equal(alone.Problems, all[i].Problems);
                Assert.Equal(alone.Resource?.Id, all[i].Resource?.Id);
                Assert.Equal((alone.Resource as Bundle)?.Entry.Count, (all[i].Resource as Bundle)?.Entry.Count);
            }

            Assert.Contains(all, r => r.Resource is null);
            Assert.Contains(all, r => r.Resource is Bundle { Entry.Count: > 0 });
        }
    }

    [Fact]
    public void ParseAll_NoResources_ReturnsNone()
    {
        Assert.Empty(PrefetchParser.ParseAll(new FhirParser(), []));
    }
}

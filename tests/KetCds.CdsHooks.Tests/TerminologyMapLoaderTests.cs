using System.Text;
using System.Text.Json.Nodes;
using KetCds.CdsHooks.Tests.Infrastructure;

namespace KetCds.CdsHooks.Tests;

/// <summary>The shipped terminology map and what the loader (and so <c>ketcds lint</c>) refuses.</summary>
public sealed class TerminologyMapLoaderTests
{
    [Fact]
    public void Load_ShippedMap_LoadsWithKetamineAndEsketamineCodes()
    {
        var load = TerminologyMapLoader.Load(Repository.Terminology);
        Assert.True(load.Succeeded, string.Join("\n", load.Errors));
        Assert.Equal("1.0.0", load.Map.Version);
        Assert.Equal([new TerminologyTarget("medication", "MEDICATION_CLASS_KETAMINE")], load.Map.Lookup("http://www.nlm.nih.gov/research/umls/rxnorm", "6130").ToArray());
        Assert.Equal([new TerminologyTarget("medication", "MEDICATION_CLASS_ESKETAMINE")], load.Map.Lookup("http://www.nlm.nih.gov/research/umls/rxnorm", "2201625").ToArray());
        Assert.Empty(load.Map.Lookup("http://snomed.info/sct", "38341003"));
    }

    [Fact]
    public void Load_DuplicateSourceCode_NamesBothPlaces()
    {
        var map = Shipped();
        var group = map["group"]!.AsArray().First(g => g!["source"]!.GetValue<string>() == "http://loinc.org")!;
        group["element"]!.AsArray().Add(JsonNode.Parse("""{"code":"72514-3","target":[{"code":"observation:pain_severity_nrs","equivalence":"equivalent"}]}"""));

        var load = Load(map);

        Assert.False(load.Succeeded);
        Assert.Contains(load.Errors, e => e.Message.StartsWith("duplicate source code http://loinc.org|72514-3, first mapped at map.json group[", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("condition:PAIN_CONDITION_BACKACHE", "'PAIN_CONDITION_BACKACHE' is not a PainCondition value")]
    [InlineData("history:smoker", "'smoker' is not a field of MedicalHistory")]
    [InlineData("diagnosis:crps", "unknown target kind 'diagnosis'")]
    public void Load_UnknownTarget_IsAnError(string target, string message)
    {
        var map = Shipped();
        map["group"]![0]!["element"]![0]!["target"]![0]!["code"] = target;

        var load = Load(map);

        Assert.Contains(load.Errors, e => e.Location == "group[0].element[0].target[0].code" && e.Message.Contains(message, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("http://snomed.info/sct", "128200001", "is not a SNOMED CT identifier")]
    [InlineData("http://loinc.org", "72514-4", "is not a LOINC code")]
    [InlineData("http://hl7.org/fhir/sid/icd-10-cm", "g90.50", "is not an ICD-10-CM code")]
    [InlineData("http://www.nlm.nih.gov/research/umls/rxnorm", "ketamine", "is not an RxNorm concept id")]
    public void Load_MalformedSourceCode_IsAnError(string system, string code, string message)
    {
        var map = Shipped();
        var group = map["group"]!.AsArray().First(g => g!["source"]!.GetValue<string>() == system)!;
        group["element"]![0]!["code"] = code;

        Assert.Contains(Load(map).Errors, e => e.Message == $"'{code}' {message}".Split(" (")[0] || e.Message.StartsWith($"'{code}' {message}", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_NotAConceptMap_SaysWhatItIs()
    {
        var load = TerminologyMapLoader.Load([("map.json", Encoding.UTF8.GetBytes("""{"resourceType":"ValueSet","status":"active"}"""))]);
        Assert.Equal("is 'ValueSet', not ConceptMap", Assert.Single(load.Errors).Message);
    }

    private static JsonObject Shipped() =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(Repository.Terminology, "ketcds-terminology.json")))!.AsObject();

    private static TerminologyMapLoad Load(JsonObject map) =>
        TerminologyMapLoader.Load([("map.json", Encoding.UTF8.GetBytes(map.ToJsonString()))]);
}

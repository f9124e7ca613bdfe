using System.Text.Json.Nodes;
using KetCds.CdsHooks.Tests.Infrastructure;
using KetCds.Clinical;
using KetCds.Clinical.Regression;
using KetCds.Contracts.V1;

namespace KetCds.CdsHooks.Tests;

/// <summary>
/// The regression cases' patients sent as FHIR through patient-view on the real server: the decision in the cards must
/// equal gRPC Evaluate's for the case's own patient, on the same server, and the case's reviewed expectation.
/// </summary>
public sealed class CdsHookProcessorTests(PatientViewRegressionFixture fixture) : IClassFixture<PatientViewRegressionFixture>
{
    public static IEnumerable<object[]> RegressionHooks => HookFile.In("regression");

    [Fact]
    public void RegressionHooks_CoverAtLeastFifteenCases_FromEveryCaseFolder()
    {
        var files = RegressionHooks.Select(r => HookFile.Load(Path.Combine(Repository.HookFiles, "regression", (string)r[0]))).ToList();
        Assert.True(files.Count >= 15, $"only {files.Count} regression hooks");
        var folders = files.Select(f => Path.GetFileName(Path.GetDirectoryName(f.CaseFile))).Distinct().Count();
        Assert.True(folders >= 6, $"hooks come from only {folders} case folders");
    }

    [Theory]
    [MemberData(nameof(RegressionHooks))]
    public async Task HandleAsync_RegressionCasePatientInFhir_CardDecisionEqualsGrpcEvaluate(string file)
    {
        var hook = HookFile.Load(Path.Combine(Repository.HookFiles, "regression", file));
        var (regression, error) = RegressionCaseFile.Load(Path.Combine(Repository.Root, hook.CaseFile!));
        Assert.Null(error);

        using var response = await fixture.Server.PostAsync($"/cds-services/{hook.Service}", hook.RequestJson);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        var cards = JsonNode.Parse(body)!["cards"]!.AsArray();

        var grpc = await fixture.Server.Grpc.EvaluateAsync(new EvaluateRequest { Patient = regression!.Request.Patient });
        var expected = CardDecision.Normalize(DecisionSummarizer.Summarize(grpc.Result));
        Assert.Equal(expected, CardDecision.From(cards));
        Assert.Equal(CardDecision.Normalize(regression.Expected), CardDecision.From(cards));

        foreach (var card in cards.Select(c => c!.AsObject()))
        {
            Assert.InRange(card["summary"]!.GetValue<string>().Length, 1, 140);
            Assert.Contains(card["indicator"]!.GetValue<string>(), new[] { "info", "warning", "critical" });
            var ruleSet = card["extension"]!["org.ketcds"]!["ruleSet"]!;
            Assert.Equal(grpc.RuleSet.Version, ruleSet["version"]!.GetValue<string>());
            Assert.Equal(grpc.RuleSet.ContentSha256, ruleSet["contentSha256"]!.GetValue<string>());
            Assert.Equal("1.0.0", card["extension"]!["org.ketcds"]!["terminologyMap"]!["version"]!.GetValue<string>());
        }
    }
}

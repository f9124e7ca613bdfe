using Google.Protobuf;
using KetCds.Cli.Tests.Support;
using KetCds.Contracts.V1;

namespace KetCds.Cli.Tests.Evaluate;

public sealed class EvaluateCommandTests
{
    [Fact]
    public async Task Evaluate_RegressionCase_PrintsReadableDecision()
    {
        using var workspace = new Workspace();

        var result = await workspace.RunAsync("evaluate", "cases/eligible-initial-crps.json");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("Case eligible-initial-crps: CRPS after failed nerve blocks", result.Out, StringComparison.Ordinal);
        Assert.Contains("Eligibility: eligible\n  - eligibility.second-line-refractory: ", result.Out, StringComparison.Ordinal);
        Assert.Contains("  - route.iv.single-infusion: iv, single infusion\n", result.Out, StringComparison.Ordinal);
        Assert.Contains("      relief: 3 hours – 2 weeks (review article: 000_7cc7f82cad53df9d review.initial-infusion-hours-to-weeks)\n", result.Out, StringComparison.Ordinal);
        Assert.Contains("      relief: only while administered (clinic article: 001_0efbab1506792650 avesta.neuropathic-single-day-during-only)\n", result.Out, StringComparison.Ordinal);
        Assert.Contains("  severity: judged severe by the clinician: yes; NRS 8/10\n", result.Out, StringComparison.Ordinal);
        Assert.Contains("      course: 4–14 sessions; fits the lowest cap\n", result.Out, StringComparison.Ordinal);
        Assert.Matches(@"  - evidence\.iv-two-weeks\.allied: .* \[clinic article\]\n", result.Out);
        Assert.Contains("Expectation: matches the case", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Evaluate_Json_ParsesBackAsEvaluateResponseAndIsDeterministic()
    {
        using var workspace = new Workspace();

        var first = await workspace.RunAsync("evaluate", "cases/eligible-initial-crps.json", "--json");
        var second = await workspace.RunAsync("evaluate", "cases/eligible-initial-crps.json", "--json");

        Assert.True(first.ExitCode == 0, first.ToString());
        var response = JsonParser.Default.Parse<EvaluateResponse>(first.Out);
        Assert.Equal("eligible-initial-crps", response.RequestId);
        Assert.Equal(EligibilityStatus.Eligible, response.Result.Eligibility.Status);
        Assert.Contains(response.Result.Routes, r => r.Code == "route.iv.single-infusion" && r.ExpectedRelief.Count > 0);
        Assert.Equal("ketcds-ketamine-pain", response.RuleSet.Name);
        Assert.Equal(first.Out, second.Out);
        Assert.StartsWith("{\n  \"requestId\"", first.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Evaluate_BareRequest_IsDetectedAndEvaluated()
    {
        using var workspace = new Workspace();

        var result = await workspace.RunAsync("evaluate", "requests/bare-request.json");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.StartsWith("Request requests/bare-request.json (rules ketcds-ketamine-pain@", result.Out, StringComparison.Ordinal);
        Assert.Contains("Eligibility: eligible", result.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("Expectation:", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Evaluate_InvalidRequest_ExitsOneNamingTheField()
    {
        using var workspace = new Workspace();

        var result = await workspace.RunAsync("evaluate", "cases/rejected-severity.json");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("  - patient.pain_severity_nrs: must be between 0 and 10", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Evaluate_MalformedJson_ExitsTwoWithOneLine()
    {
        using var workspace = new Workspace();
        workspace.Write("broken.json", "{\"request\": {\"patient\": {\"painSeverityNrs\": \"high\"}}}");

        var result = await workspace.RunAsync("evaluate", "broken.json");

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("error: broken.json: not a valid RegressionCase", result.Error, StringComparison.Ordinal);
        Assert.Single(result.Error.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public async Task Evaluate_MissingFile_ExitsTwo()
    {
        using var workspace = new Workspace();

        var result = await workspace.RunAsync("evaluate", "nope.json");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("error: nope.json: no such file\n", result.Error);
    }

    [Fact]
    public async Task Evaluate_BrokenRules_ExitsTwoAndPrintsTheErrors()
    {
        using var workspace = new Workspace();
        workspace.Replace("rules/eligibility.yaml", "failed_treatments:", "failed_treatment:");

        var result = await workspace.RunAsync("evaluate", "cases/eligible-initial-crps.json");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("rules/eligibility.yaml:", result.Error, StringComparison.Ordinal);
        Assert.Contains("error: rule set 'rules' has 1 error(s); run 'ketcds lint rules'", result.Error, StringComparison.Ordinal);
    }
}

using Google.Protobuf;
using KetCds.Contracts.V1;
using KetCds.Server.Internal.Configuration;
using KetCds.Server.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;

namespace KetCds.Server.Tests.Internal.RuleSets;

/// <summary><c>KetCds:Engine</c>: the server answering on NRules gives the default engine's answers, byte for byte.</summary>
public sealed class EngineOptionTests
{
    [Fact]
    public async Task Evaluate_EngineNRules_SameResultBytesAsDefaultAndTheStartupLineSaysSo()
    {
        using var rules = TempRules.CopyOfShipped();
        await using var ketcds = await RunningServer.StartAsync(rules.Directory);
        await using var nrules = await RunningServer.StartAsync(rules.Directory, ["--KetCds:Engine", "nrules"]);
        var request = new EvaluateRequest { RequestId = "engine-1", Patient = Patients.EligibleCrps(), Detail = ResultDetail.Full };

        var expected = await ketcds.Client.EvaluateAsync(request);
        var actual = await nrules.Client.EvaluateAsync(request);

        Assert.Equal(expected.ToByteArray(), actual.ToByteArray());
        Assert.Contains(" on nrules)", nrules.Output.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(" on ", ketcds.Output.ToString().Split('(')[^1], StringComparison.Ordinal);
    }

    [Fact]
    public void Read_UnknownEngine_NamesTheKeyAndTheChoices()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection([new("KetCds:Engine", "drools")]).Build();

        var error = Assert.Throws<KetCdsConfigurationException>(() => KetCdsOptionsReader.Read(configuration));

        Assert.Contains("KetCds:Engine: must be 'ketcds' or 'nrules'; got 'drools'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_NothingConfigured_DefaultEngineIsKetCds() =>
        Assert.Equal("ketcds", KetCdsOptionsReader.Read(new ConfigurationBuilder().Build()).Engine);
}

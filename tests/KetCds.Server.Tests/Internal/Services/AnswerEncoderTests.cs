using Google.Protobuf;
using Grpc.HealthCheck;
using KetCds.Contracts.V1;
using KetCds.Server.Internal.Health;
using KetCds.Server.Internal.RuleSets;
using KetCds.Server.Internal.Services;
using KetCds.Server.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace KetCds.Server.Tests.Internal.Services;

public sealed class AnswerEncoderTests
{
    [Fact]
    public async Task Serialize_AfterEncodeAndKeep_SendsTheKeptBytesOnceThenWritesAfresh()
    {
        using var rules = TempRules.CopyOfShipped();
        using var host = await StartedHostAsync(rules);
        var encoder = new AnswerEncoder(host);
        var answer = Answer(host, ResultDetail.Full);

        var kept = encoder.EncodeAndKeep(answer);
        var sent = new RecordingSerializationContext();
        encoder.Serialize(answer, sent);
        var again = new RecordingSerializationContext();
        encoder.Serialize(answer, again);

        Assert.Same(kept, sent.CompletedWith);
        Assert.Null(again.CompletedWith);
        Assert.Equal(answer.ToByteArray(), sent.Payload);
        Assert.Equal(answer.ToByteArray(), again.Payload);
        Assert.Equal(again.Payload.Length, again.AnnouncedLength);
        await host.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task EncodeAndKeep_AnswerOfAMethodItDoesNotWrite_KeepsNothing()
    {
        using var rules = TempRules.CopyOfShipped();
        using var host = await StartedHostAsync(rules);
        var encoder = new AnswerEncoder(host);
        var catalog = new GetRuleSetResponse { Identity = host.State.Current!.Identity };

        var kept = encoder.EncodeAndKeep(catalog);

        var sent = new RecordingSerializationContext();
        encoder.Serialize(catalog, sent);

        Assert.Equal(catalog.ToByteArray(), kept);
        Assert.NotSame(kept, sent.CompletedWith);
        Assert.Equal(catalog.ToByteArray(), sent.Payload);
        Assert.False(AnswerEncoder.Writes(typeof(GetRuleSetResponse)));
        Assert.True(AnswerEncoder.Writes(typeof(EvaluateResponse)));
        Assert.True(AnswerEncoder.Writes(typeof(EvaluateBatchResponse)));
        await host.StopAsync(CancellationToken.None);
    }

    [Fact]
    public void EncodeAndSerialize_NoRuleSetLoaded_WriteWhatGeneratedCodeWrites()
    {
        using var rules = TempRules.CopyOfShipped();
        using var host = new RuleSetHost(Settings(rules), TimeProvider.System, new HealthStatusRegistry(new HealthServiceImpl()), NullLogger<RuleSetHost>.Instance);
        var answer = new EvaluateResponse { RequestId = "before-load" };

        var sent = new RecordingSerializationContext();
        new AnswerEncoder(host).Serialize(answer, sent);

        Assert.Equal(answer.ToByteArray(), new AnswerEncoder(host).Encode(answer));
        Assert.Equal(answer.ToByteArray(), sent.Payload);
    }

    private static RuleSetHostSettings Settings(TempRules rules) => new(rules.Directory, TimeSpan.Zero, TimeSpan.FromHours(1), WatchFileSystem: false);

    private static async Task<RuleSetHost> StartedHostAsync(TempRules rules)
    {
        var host = new RuleSetHost(Settings(rules), TimeProvider.System, new HealthStatusRegistry(new HealthServiceImpl()), NullLogger<RuleSetHost>.Instance);
        await host.StartAsync(CancellationToken.None);
        Assert.NotNull(host.State.Current);
        return host;
    }

    private static EvaluateResponse Answer(RuleSetHost host, ResultDetail detail)
    {
        var snapshot = host.State.Current!;
        var request = new EvaluateRequest { RequestId = "kept", Patient = Patients.EligibleCrps(), Detail = detail };
        return new EvaluateResponse { RequestId = request.RequestId, Result = snapshot.Evaluator.Evaluate(request).Result, RuleSet = snapshot.Identity };
    }
}

using System.Net;
using System.Net.Http.Headers;
using Grpc.Core;
using KetCds.Contracts.V1;
using KetCds.Server.Tests.Infrastructure;

namespace KetCds.Server.Tests.Security;

/// <summary>Abuse limits answer as gRPC statuses, are audited, and never echo request headers.</summary>
public sealed class LimitsTests
{
    [Fact]
    public async Task Call_OverTheClientsRate_IsResourceExhaustedAndAudited()
    {
        using var rules = TempRules.CopyOfShipped();
        await using var server = await RunningServer.StartAsync(rules.Directory, ["--KetCds:Limits:CallsPerSecond", "1", "--KetCds:Limits:Burst", "2"]);

        var statuses = new List<StatusCode>();
        for (var i = 0; i < 4; i++)
        {
            statuses.Add(await SecuredCalls.CallAsync(server.Client, "GetRuleSet", []));
        }

        Assert.Equal(StatusCode.OK, statuses[0]);
        Assert.Contains(StatusCode.ResourceExhausted, statuses);
        var record = await AuditReader.LastAsync(server.AuditFile);
        Assert.Equal("ResourceExhausted", record.Status);
        Assert.Equal("/ketcds.v1.DecisionSupportService/GetRuleSet", record.Method);
        // Health is never rate limited.
        Assert.Equal(Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus.Serving, await server.Client.CheckHealthAsync());
    }

    [Fact]
    public async Task Call_WhileTheServerIsAtItsConcurrencyLimit_IsUnavailable()
    {
        using var rules = TempRules.CopyOfShipped();
        await using var server = await RunningServer.StartAsync(rules.Directory, ["--KetCds:Limits:MaxConcurrentCalls", "1", "--KetCds:Limits:QueueLimit", "0"]);
        var release = new TaskCompletionSource();
        var firstAnswer = new TaskCompletionSource();

        // An open batch holds the only slot until the test lets it finish; its first answer shows it is being served.
        var batch = Task.Run(async () =>
        {
            await foreach (var _ in server.Client.EvaluateBatchAsync(HeldItems(release)))
            {
                firstAnswer.TrySetResult();
            }
        });
        await firstAnswer.Task;

        var status = await SecuredCalls.CallAsync(server.Client, "GetRuleSet", []);
        release.SetResult();
        await batch;

        Assert.Equal(StatusCode.Unavailable, status);
        Assert.Equal(StatusCode.OK, await SecuredCalls.CallAsync(server.Client, "GetRuleSet", []));
    }

    [Fact]
    public async Task Call_UnsupportedGrpcEncoding_IsUnimplementedWithoutEchoingTheHeader()
    {
        using var rules = TempRules.CopyOfShipped();
        await using var server = await RunningServer.StartAsync(rules.Directory);
        using var http = new HttpClient(new SocketsHttpHandler());
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(server.Address, "/ketcds.v1.DecisionSupportService/GetRuleSet"))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent([1, 0, 0, 0, 0]),
        };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/grpc");
        request.Headers.TE.Add(new TransferCodingWithQualityHeaderValue("trailers"));
        request.Headers.TryAddWithoutValidation("grpc-encoding", "x-secret-4711");

        using var response = await http.SendAsync(request);
        await response.Content.ReadAsByteArrayAsync();

        Assert.Equal("12", response.Headers.GetValues("grpc-status").Single());
        Assert.DoesNotContain("4711", response.Headers.GetValues("grpc-message").Single(), StringComparison.Ordinal);
        Assert.DoesNotContain(server.Logs.Entries, e => e.ToString().Contains("4711", StringComparison.Ordinal));
    }

    private static async IAsyncEnumerable<EvaluateBatchRequest> HeldItems(TaskCompletionSource release)
    {
        yield return new EvaluateBatchRequest { CaseId = "held-1", Patient = Patients.EligibleCrps() };
        await release.Task;
        yield return new EvaluateBatchRequest { CaseId = "held-2", Patient = Patients.EligibleCrps() };
    }
}

using KetCds.Client.Tests.Infrastructure;
using KetCds.Protocol;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using ServingStatus = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace KetCds.Client.Tests;

/// <summary>Log events and health status against a real Kestrel server.</summary>
public sealed partial class DecisionSupportClientTests
{
    [Fact]
    public async Task EvaluateAsync_RetryThenSuccess_LogsRetryAndSuccessEvents()
    {
        var service = new FakeDecisionSupportService
        {
            BeforeEvaluate = (call, _) => call == 1 ? throw new GrpcException(GrpcStatusCode.Unavailable, "once") : Task.CompletedTask,
        };
        await using var server = await TestServer.StartAsync(service);
        using var logs = new CapturingLoggerFactory();
        using var client = new DecisionSupportClient(server.Address, TestClients.FastRetries with { LoggerFactory = logs });

        await client.EvaluateAsync(TestClients.ValidRequest());

        var ids = logs.Events.Select(e => e.Id.Id).ToList();
        Assert.Equal([1, 4, 1, 2], ids);
        Assert.Contains("/ketcds.v1.DecisionSupportService/Evaluate", logs.Events.Single(e => e.Id.Id == 4).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetRuleSetAsync_CircuitOpens_LogsOpenedAndFailure()
    {
        var service = new FakeDecisionSupportService
        {
            BeforeGetRuleSet = (_, _) => throw new GrpcException(GrpcStatusCode.Unavailable, "down"),
        };
        await using var server = await TestServer.StartAsync(service);
        using var logs = new CapturingLoggerFactory();
        using var client = new DecisionSupportClient(server.Address, new DecisionSupportClientOptions
        {
            MaxRetries = 0,
            BreakerMinimumThroughput = 2,
            TimeProvider = new FakeTimeProvider(),
            LoggerFactory = logs,
        });

        for (var i = 0; i < 3; i++)
        {
            await Assert.ThrowsAsync<DecisionSupportException>(() => client.GetRuleSetAsync());
        }

        Assert.Single(logs.Events, e => e.Id.Id == 5);
        Assert.Equal(3, logs.Events.Count(e => e.Id.Id == 3));
        Assert.Equal(2, service.RuleSetCalls);
    }

    [Fact]
    public async Task CheckHealthAsync_ServiceMarkedNotServing_ReportsNotServing()
    {
        await using var server = await TestServer.StartAsync(new FakeDecisionSupportService());
        server.Services.GetRequiredService<HealthStatusRegistry>().SetStatus("ketcds.v1.DecisionSupportService", ServingStatus.NotServing);
        using var client = new DecisionSupportClient(server.Address, TestClients.FastRetries);

        Assert.Equal(HealthStatus.NotServing, await client.CheckHealthAsync("ketcds.v1.DecisionSupportService"));
    }
}

using KetCds.Client.Tests.Infrastructure;
using KetCds.Protocol;
using Microsoft.Extensions.Time.Testing;

namespace KetCds.Client.Tests;

/// <summary>Retries, circuit breaker, deadlines and cancellation against a real Kestrel server.</summary>
public sealed partial class DecisionSupportClientTests
{
    [Fact]
    public async Task EvaluateAsync_UnavailableTwiceThenOk_RetriesAndSucceeds()
    {
        var service = new FakeDecisionSupportService
        {
            BeforeEvaluate = (call, _) => call <= 2
                ? throw new GrpcException(GrpcStatusCode.Unavailable, "warming up")
                : Task.CompletedTask,
        };
        await using var server = await TestServer.StartAsync(service);
        using var client = new DecisionSupportClient(server.Address, TestClients.FastRetries with { MaxRetries = 3 });

        var response = await client.EvaluateAsync(TestClients.ValidRequest("third-time"));

        Assert.Equal("third-time", response.RequestId);
        Assert.Equal(3, service.EvaluateCalls);
    }

    [Fact]
    public async Task EvaluateAsync_AlwaysUnavailable_StopsAfterMaxRetries()
    {
        var service = new FakeDecisionSupportService
        {
            BeforeEvaluate = (_, _) => throw new GrpcException(GrpcStatusCode.Unavailable, "down"),
        };
        await using var server = await TestServer.StartAsync(service);
        using var client = new DecisionSupportClient(server.Address, TestClients.FastRetries with { MaxRetries = 2 });

        var error = await Assert.ThrowsAsync<DecisionSupportException>(() => client.EvaluateAsync(TestClients.ValidRequest()));

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.Equal("down", error.Detail);
        Assert.Equal(3, service.EvaluateCalls);
    }

    [Theory]
    [InlineData(GrpcStatusCode.Internal)]
    [InlineData(GrpcStatusCode.ResourceExhausted)]
    [InlineData(GrpcStatusCode.DeadlineExceeded)]
    public async Task EvaluateAsync_OtherFailure_IsNotRetried(GrpcStatusCode code)
    {
        var service = new FakeDecisionSupportService { BeforeEvaluate = (_, _) => throw new GrpcException(code, "no retry") };
        await using var server = await TestServer.StartAsync(service);
        using var client = new DecisionSupportClient(server.Address, TestClients.FastRetries with { MaxRetries = 3 });

        var error = await Assert.ThrowsAsync<DecisionSupportException>(() => client.EvaluateAsync(TestClients.ValidRequest()));

        Assert.Equal((int)code, (int)error.StatusCode);
        Assert.Equal(1, service.EvaluateCalls);
    }

    [Fact]
    public async Task EvaluateBatchAsync_Unavailable_IsNotRetried()
    {
        var service = new FakeDecisionSupportService
        {
            BeforeBatch = (_, _) => throw new GrpcException(GrpcStatusCode.Unavailable, "down"),
        };
        await using var server = await TestServer.StartAsync(service);
        using var client = new DecisionSupportClient(server.Address, TestClients.FastRetries with { MaxRetries = 3 });

        var error = await Assert.ThrowsAsync<DecisionSupportException>(
            async () => await client.EvaluateBatchAsync(BatchRequests(3)).ToListAsync());

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.Equal(1, service.BatchCalls);
    }

    [Fact]
    public async Task GetRuleSetAsync_RepeatedUnavailable_OpensCircuitFailsFastThenRecovers()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2025, 3, 1, 8, 0, 0, TimeSpan.Zero));
        var service = new FakeDecisionSupportService
        {
            BeforeGetRuleSet = (call, _) => call <= 2
                ? throw new GrpcException(GrpcStatusCode.Unavailable, "down")
                : Task.CompletedTask,
        };
        await using var server = await TestServer.StartAsync(service);
        using var client = new DecisionSupportClient(server.Address, new DecisionSupportClientOptions
        {
            MaxRetries = 0,
            BreakerFailureRatio = 0.5,
            BreakerMinimumThroughput = 2,
            BreakerBreakDuration = TimeSpan.FromSeconds(5),
            TimeProvider = time,
        });

        for (var i = 0; i < 2; i++)
        {
            var failure = await Assert.ThrowsAsync<DecisionSupportException>(() => client.GetRuleSetAsync());
            Assert.Equal("down", failure.Detail);
        }

        var open = await Assert.ThrowsAsync<DecisionSupportException>(() => client.GetRuleSetAsync());
        Assert.Equal(StatusCode.Unavailable, open.StatusCode);
        Assert.Contains("circuit breaker is open", open.Detail, StringComparison.Ordinal);
        Assert.Equal(2, service.RuleSetCalls);

        time.Advance(TimeSpan.FromSeconds(6));
        var recovered = await client.GetRuleSetAsync();

        Assert.Equal(42, recovered.Status.RuleCount);
        Assert.Equal(3, service.RuleSetCalls);
    }

    [Fact]
    public async Task EvaluateAsync_ClientDeadlinePasses_FailsWithDeadlineExceeded()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2025, 3, 1, 8, 0, 0, TimeSpan.Zero));
        var arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var service = new FakeDecisionSupportService
        {
            BeforeEvaluate = async (_, context) =>
            {
                arrived.TrySetResult();
                await Task.Delay(Timeout.Infinite, context.CancellationToken);
            },
        };
        await using var server = await TestServer.StartAsync(service);
        using var client = new DecisionSupportClient(server.Address, TestClients.FastRetries with { TimeProvider = time });

        var call = client.EvaluateAsync(TestClients.ValidRequest(), new CallOptions { Timeout = TimeSpan.FromSeconds(20) });
        await arrived.Task;
        time.Advance(TimeSpan.FromSeconds(21));
        var error = await Assert.ThrowsAsync<DecisionSupportException>(() => call);

        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
        Assert.Equal("20S", Assert.Single(server.Requests).GrpcTimeout);
        Assert.Equal(1, service.EvaluateCalls);
    }

    [Fact]
    public async Task EvaluateAsync_DeadlineAlreadyPassed_FailsWithoutCallingTheServer()
    {
        var service = new FakeDecisionSupportService();
        await using var server = await TestServer.StartAsync(service);
        using var client = new DecisionSupportClient(server.Address, TestClients.FastRetries);

        var error = await Assert.ThrowsAsync<DecisionSupportException>(() => client.EvaluateAsync(
            TestClients.ValidRequest(), new CallOptions { Deadline = TimeProvider.System.GetUtcNow().AddSeconds(-1) }));

        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
        Assert.Equal(0, service.EvaluateCalls);
    }

    [Fact]
    public async Task EvaluateAsync_ServerEnforcesShortDeadline_FailsWithDeadlineExceeded()
    {
        var service = new FakeDecisionSupportService
        {
            BeforeEvaluate = (_, context) => Task.Delay(Timeout.Infinite, context.CancellationToken),
        };
        await using var server = await TestServer.StartAsync(service);
        using var client = new DecisionSupportClient(server.Address, TestClients.FastRetries);

        var error = await Assert.ThrowsAsync<DecisionSupportException>(() => client.EvaluateAsync(
            TestClients.ValidRequest(), new CallOptions { Timeout = TimeSpan.FromMilliseconds(200) }));

        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
        Assert.Equal(1, service.EvaluateCalls);
    }

    [Fact]
    public async Task EvaluateAsync_CallerCancels_FailsWithCancelledAndServerSeesIt()
    {
        var arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var serverCancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var service = new FakeDecisionSupportService
        {
            BeforeEvaluate = async (_, context) =>
            {
                using var registration = context.CancellationToken.Register(() => serverCancelled.TrySetResult());
                arrived.TrySetResult();
                await Task.Delay(Timeout.Infinite, context.CancellationToken);
            },
        };
        await using var server = await TestServer.StartAsync(service);
        using var client = new DecisionSupportClient(server.Address, TestClients.FastRetries);
        using var cts = new CancellationTokenSource();

        var call = client.EvaluateAsync(TestClients.ValidRequest(), new CallOptions { CancellationToken = cts.Token });
        await arrived.Task;
        await cts.CancelAsync();
        var error = await Assert.ThrowsAsync<DecisionSupportException>(() => call);

        Assert.Equal(StatusCode.Cancelled, error.StatusCode);
        Assert.IsAssignableFrom<OperationCanceledException>(error.InnerException);
        await serverCancelled.Task.WaitAsync(TimeSpan.FromSeconds(30));
    }
}

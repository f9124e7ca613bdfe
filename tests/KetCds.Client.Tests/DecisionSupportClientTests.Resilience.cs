using Grpc.Core;
using KetCds.Client.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace KetCds.Client.Tests;

/// <summary>grpc-dotnet's retry policy, the Polly circuit breaker, deadlines and cancellation against a real server.</summary>
public sealed partial class DecisionSupportClientTests
{
    [Fact]
    public async Task EvaluateAsync_UnavailableTwiceThenOk_RetriesAndSucceeds()
    {
        var service = new FakeDecisionSupportService
        {
            BeforeEvaluate = (call, _) => call <= 2 ? FakeDecisionSupportService.Fail(StatusCode.Unavailable, "warming up") : Task.CompletedTask,
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
        var service = new FakeDecisionSupportService { BeforeEvaluate = (_, _) => FakeDecisionSupportService.Fail(StatusCode.Unavailable, "down") };
        await using var server = await TestServer.StartAsync(service);
        using var client = new DecisionSupportClient(server.Address, TestClients.FastRetries with { MaxRetries = 2 });

        var error = await Assert.ThrowsAsync<RpcException>(() => client.EvaluateAsync(TestClients.ValidRequest()));

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.Equal("down", error.Status.Detail);
        Assert.Equal(3, service.EvaluateCalls);
    }

    [Theory]
    [InlineData(StatusCode.Internal)]
    [InlineData(StatusCode.ResourceExhausted)]
    [InlineData(StatusCode.DeadlineExceeded)]
    public async Task EvaluateAsync_OtherFailure_IsNotRetried(StatusCode code)
    {
        var service = new FakeDecisionSupportService { BeforeEvaluate = (_, _) => FakeDecisionSupportService.Fail(code, "no retry") };
        await using var server = await TestServer.StartAsync(service);
        using var client = new DecisionSupportClient(server.Address, TestClients.FastRetries with { MaxRetries = 3 });

        var error = await Assert.ThrowsAsync<RpcException>(() => client.EvaluateAsync(TestClients.ValidRequest()));

        Assert.Equal(code, error.StatusCode);
        Assert.Equal(1, service.EvaluateCalls);
    }

    [Fact]
    public async Task GetRuleSetAsync_RepeatedUnavailable_OpensCircuitFailsFastThenRecovers()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2025, 3, 1, 8, 0, 0, TimeSpan.Zero));
        var service = new FakeDecisionSupportService
        {
            BeforeGetRuleSet = (call, _) => call <= 2 ? FakeDecisionSupportService.Fail(StatusCode.Unavailable, "down") : Task.CompletedTask,
        };
        await using var server = await TestServer.StartAsync(service);
        using var logs = new CapturingLoggerProvider();
        using var loggerFactory = LoggerFactory.Create(logging => logging.AddProvider(logs));
        using var client = new DecisionSupportClient(server.Address, new DecisionSupportClientOptions
        {
            MaxRetries = 0,
            BreakerFailureRatio = 0.5,
            BreakerMinimumThroughput = 2,
            BreakerBreakDuration = TimeSpan.FromSeconds(5),
            TimeProvider = time,
            LoggerFactory = loggerFactory,
        });

        for (var i = 0; i < 2; i++)
        {
            var failure = await Assert.ThrowsAsync<RpcException>(() => client.GetRuleSetAsync());
            Assert.Equal("down", failure.Status.Detail);
        }

        var open = await Assert.ThrowsAsync<RpcException>(() => client.GetRuleSetAsync());
        Assert.Equal(StatusCode.Unavailable, open.StatusCode);
        Assert.Equal(DecisionSupportCircuitBreaker.OpenCircuitDetail, open.Status.Detail);
        Assert.Equal(2, service.RuleSetCalls);
        Assert.Contains(logs.Entries, e => e.EventId.Id == 5 && e.Level == LogLevel.Warning);

        time.Advance(TimeSpan.FromSeconds(6));
        var recovered = await client.GetRuleSetAsync();

        Assert.Equal(42, recovered.Status.RuleCount);
        Assert.Equal(3, service.RuleSetCalls);
    }

    [Fact]
    public async Task EvaluateAsync_ServerNeverAnswersBeforeTheDeadline_FailsWithDeadlineExceededAndServerSeesIt()
    {
        var serverCancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var service = new FakeDecisionSupportService
        {
            BeforeEvaluate = async (_, context) =>
            {
                using var registration = context.CancellationToken.Register(() => serverCancelled.TrySetResult());
                await Task.Delay(Timeout.Infinite, context.CancellationToken);
            },
        };
        await using var server = await TestServer.StartAsync(service);
        using var client = new DecisionSupportClient(server.Address, TestClients.FastRetries);

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            client.EvaluateAsync(TestClients.ValidRequest(), new CallOptions(deadline: DateTime.UtcNow.AddMilliseconds(300))));

        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
        await serverCancelled.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Matches("^[0-9]{1,8}[HMSmun]$", Assert.Single(server.Requests).GrpcTimeout);
    }

    [Fact]
    public async Task EvaluateAsync_CallerCancels_FailsWithCancelled()
    {
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
        using var client = new DecisionSupportClient(server.Address, TestClients.FastRetries);
        using var cts = new CancellationTokenSource();

        var call = client.EvaluateAsync(TestClients.ValidRequest(), new CallOptions(cancellationToken: cts.Token));
        await arrived.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await cts.CancelAsync();

        Assert.Equal(StatusCode.Cancelled, (await Assert.ThrowsAsync<RpcException>(() => call)).StatusCode);
        Assert.Equal(1, service.EvaluateCalls);
    }
}

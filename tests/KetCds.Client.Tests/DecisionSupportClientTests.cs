using Grpc.Core;
using Grpc.Net.Client;
using KetCds.Client.Tests.Infrastructure;
using KetCds.Contracts.V1;
using ServingStatus = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace KetCds.Client.Tests;

/// <summary>Unary calls, errors, metadata and construction against a real grpc-dotnet server on Kestrel.</summary>
public sealed partial class DecisionSupportClientTests
{
    [Fact]
    public async Task EvaluateAsync_ValidRequest_ReturnsResponseOverGrpcHttp2WithTheDefaultDeadline()
    {
        await using var server = await TestServer.StartAsync(new FakeDecisionSupportService());
        using var client = new DecisionSupportClient(server.Address, TestClients.FastRetries);

        var response = await client.EvaluateAsync(TestClients.ValidRequest("abc"));

        Assert.Equal("abc", response.RequestId);
        Assert.Equal(FakeDecisionSupportService.Identity, response.RuleSet);
        var seen = Assert.Single(server.Requests);
        Assert.Equal("/ketcds.v1.DecisionSupportService/Evaluate", seen.Path);
        Assert.Equal("HTTP/2", seen.Protocol);
        Assert.Equal("application/grpc", seen.ContentType);
        Assert.Null(seen.GrpcEncoding);
        Assert.Matches("^[0-9]{1,8}[HMSmun]$", seen.GrpcTimeout);
    }

    [Fact]
    public async Task ReadCalls_RuleSetRulesAndCatalog_ReturnServerContent()
    {
        await using var server = await TestServer.StartAsync(new FakeDecisionSupportService());
        using var client = new DecisionSupportClient(server.Address, TestClients.FastRetries);

        var ruleSet = await client.GetRuleSetAsync();
        var rules = await client.ListRulesAsync();
        var catalog = await client.GetSourceCatalogAsync();

        Assert.Equal(42, ruleSet.Status.RuleCount);
        Assert.Equal(["eligibility.nrs", "risk.psychosis"], rules.Rules.Select(r => r.Id));
        Assert.Equal("000", Assert.Single(catalog.Documents).Id);
    }

    [Fact]
    public async Task CheckHealthAsync_KnownAndUnknownServices_ReportServingOrNotFound()
    {
        await using var server = await TestServer.StartAsync(new FakeDecisionSupportService());
        using var client = new DecisionSupportClient(server.Address, TestClients.FastRetries);

        Assert.Equal(ServingStatus.Serving, await client.CheckHealthAsync());
        Assert.Equal(ServingStatus.Serving, await client.CheckHealthAsync("ketcds.v1.DecisionSupportService"));
        var error = await Assert.ThrowsAsync<RpcException>(() => client.CheckHealthAsync("no.such.Service"));
        Assert.Equal(StatusCode.NotFound, error.StatusCode);
    }

    [Fact]
    public async Task EvaluateAsync_InvalidPatient_ThrowsInvalidArgumentWithDecodedViolations()
    {
        var service = new FakeDecisionSupportService();
        await using var server = await TestServer.StartAsync(service);
        using var client = new DecisionSupportClient(server.Address, TestClients.FastRetries);

        var error = await Assert.ThrowsAsync<RpcException>(() => client.EvaluateAsync(TestClients.InvalidRequest()));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal("2 field(s) of the request are invalid", error.Status.Detail);
        Assert.Equal(
            [
                new FieldViolationDetail("patient.pain_severity_nrs", "must be between 0 and 10, was 14"),
                new FieldViolationDetail("patient.pain_duration_months", "must not be negative"),
            ],
            error.FieldViolations());
        Assert.Equal(1, service.EvaluateCalls);
    }

    [Fact]
    public async Task EvaluateAsync_ServerFailsWithUnicodeMessage_DetailArrivesIntactWithoutViolations()
    {
        var service = new FakeDecisionSupportService
        {
            BeforeEvaluate = (_, _) => FakeDecisionSupportService.Fail(StatusCode.FailedPrecondition, "règles absentes: 100% ✓"),
        };
        await using var server = await TestServer.StartAsync(service);
        using var client = new DecisionSupportClient(server.Address, TestClients.FastRetries);

        var error = await Assert.ThrowsAsync<RpcException>(() => client.EvaluateAsync(TestClients.ValidRequest()));

        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.Equal("règles absentes: 100% ✓", error.Status.Detail);
        Assert.Empty(error.FieldViolations());
    }

    [Fact]
    public async Task EvaluateAsync_CustomMetadataAndCompression_ReachTheServer()
    {
        await using var server = await TestServer.StartAsync(new FakeDecisionSupportService());
        using var client = new DecisionSupportClient(server.Address, TestClients.FastRetries with { CompressRequests = true });

        var response = await client.EvaluateAsync(TestClients.ValidRequest("zipped"), new CallOptions(new Metadata { { "x-echo", "hello world" } }));

        Assert.Equal("zipped", response.RequestId);
        var seen = Assert.Single(server.Requests);
        Assert.Equal("gzip", seen.GrpcEncoding);
        Assert.Equal("hello world", seen.Echo);
    }

    [Fact]
    public async Task EvaluateAsync_ResponseLargerThanLimit_FailsWithResourceExhausted()
    {
        await using var server = await TestServer.StartAsync(new FakeDecisionSupportService { EvaluatePadding = 8192 });
        using var client = new DecisionSupportClient(server.Address, TestClients.FastRetries with { MaxReceiveMessageSize = 4096 });

        var error = await Assert.ThrowsAsync<RpcException>(() => client.EvaluateAsync(TestClients.ValidRequest()));

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
    }

    [Fact]
    public async Task EvaluateAsync_NothingListening_FailsWithUnavailable()
    {
        using var client = new DecisionSupportClient(TestClients.UnusedLoopbackAddress(), TestClients.FastRetries with { MaxRetries = 1 });

        var error = await Assert.ThrowsAsync<RpcException>(() => client.EvaluateAsync(TestClients.ValidRequest()));

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
    }

    [Fact]
    public void Constructor_InvalidAddressOrOptions_ThrowsNamingTheProblem()
    {
        Assert.Contains("http://", Assert.Throws<ArgumentException>(() => new DecisionSupportClient(new Uri("ftp://127.0.0.1/"))).Message, StringComparison.Ordinal);
        Assert.Equal("MaxRetries", Assert.Throws<ArgumentException>(() => new DecisionSupportClient(new Uri("http://127.0.0.1:1"), new DecisionSupportClientOptions { MaxRetries = -2 })).ParamName);
    }

    [Fact]
    public async Task Constructor_ExistingChannel_IsUsedAndNotDisposed()
    {
        await using var server = await TestServer.StartAsync(new FakeDecisionSupportService());
        using var channel = GrpcChannel.ForAddress(server.Address);
        using (var client = new DecisionSupportClient(channel, TestClients.FastRetries))
        {
            Assert.Equal("via-channel", (await client.EvaluateAsync(TestClients.ValidRequest("via-channel"))).RequestId);
        }

        using var again = new DecisionSupportClient(channel, TestClients.FastRetries);
        Assert.Equal("again", (await again.EvaluateAsync(TestClients.ValidRequest("again"))).RequestId);
    }

    [Fact]
    public async Task AddDecisionSupportClient_ClientFactory_ResolvesClientsSharingOneBreakerThatRetry()
    {
        var service = new FakeDecisionSupportService
        {
            BeforeEvaluate = (call, _) => call == 1 ? FakeDecisionSupportService.Fail(StatusCode.Unavailable, "warming up") : Task.CompletedTask,
        };
        await using var server = await TestServer.StartAsync(service);
        var services = new ServiceCollection();
        services.AddDecisionSupportClient(server.Address, TestClients.FastRetries);
        await using var provider = services.BuildServiceProvider();

        var first = provider.GetRequiredService<DecisionSupportClient>();
        var second = provider.GetRequiredService<DecisionSupportClient>();
        var response = await first.EvaluateAsync(TestClients.ValidRequest("factory"));

        Assert.Equal("factory", response.RequestId);
        Assert.Equal(2, service.EvaluateCalls);
        Assert.NotSame(first, second);
        Assert.Same(provider.GetRequiredService<DecisionSupportCircuitBreaker>(), provider.GetRequiredService<DecisionSupportCircuitBreaker>());
        Assert.Equal(ServingStatus.Serving, await second.CheckHealthAsync());
    }
}

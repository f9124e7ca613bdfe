using System.Text.RegularExpressions;
using KetCds.Client.Tests.Infrastructure;
using KetCds.Contracts.V1;
using KetCds.Protocol;

namespace KetCds.Client.Tests;

/// <summary>Unary calls, errors, metadata and construction against a real Kestrel server.</summary>
public sealed partial class DecisionSupportClientTests
{
    [Fact]
    public async Task EvaluateAsync_ValidRequest_ReturnsResponseOverGrpcHttp2()
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
        Assert.Equal("trailers", seen.Te);
        Assert.Equal("identity,gzip", seen.GrpcAcceptEncoding);
        Assert.Null(seen.GrpcEncoding);
        Assert.Matches(new Regex("^[0-9]{1,8}[HMSmun]$"), seen.GrpcTimeout);
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

        Assert.Equal(HealthStatus.Serving, await client.CheckHealthAsync());
        Assert.Equal(HealthStatus.Serving, await client.CheckHealthAsync("ketcds.v1.DecisionSupportService"));
        var error = await Assert.ThrowsAsync<DecisionSupportException>(() => client.CheckHealthAsync("no.such.Service"));
        Assert.Equal(StatusCode.NotFound, error.StatusCode);
        Assert.Contains("/grpc.health.v1.Health/Check", server.Requests.Select(r => r.Path));
    }

    [Fact]
    public async Task EvaluateAsync_InvalidPatient_ThrowsInvalidArgumentWithDecodedViolations()
    {
        var service = new FakeDecisionSupportService();
        await using var server = await TestServer.StartAsync(service);
        using var client = new DecisionSupportClient(server.Address, TestClients.FastRetries);

        var error = await Assert.ThrowsAsync<DecisionSupportException>(() => client.EvaluateAsync(TestClients.InvalidRequest()));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal("2 field(s) of the request are invalid", error.Detail);
        Assert.Equal(3, error.Status?.Code);
        Assert.Equal(
            [
                new FieldViolationDetail("patient.pain_severity_nrs", "must be between 0 and 10, was 14"),
                new FieldViolationDetail("patient.pain_duration_months", "must not be negative"),
            ],
            error.FieldViolations);
        Assert.Equal(1, service.EvaluateCalls);
    }

    [Fact]
    public async Task EvaluateAsync_ServerFailsWithUnicodeMessage_DetailIsPercentDecoded()
    {
        var service = new FakeDecisionSupportService
        {
            BeforeEvaluate = (_, _) => throw new GrpcException(GrpcStatusCode.FailedPrecondition, "règles absentes: 100% ✓"),
        };
        await using var server = await TestServer.StartAsync(service);
        using var client = new DecisionSupportClient(server.Address, TestClients.FastRetries);

        var error = await Assert.ThrowsAsync<DecisionSupportException>(() => client.EvaluateAsync(TestClients.ValidRequest()));

        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.Equal("règles absentes: 100% ✓", error.Detail);
        Assert.Null(error.Status);
        Assert.Empty(error.FieldViolations);
    }

    [Fact]
    public async Task EvaluateAsync_CustomMetadata_RoundTripsAsciiAndBinary()
    {
        await using var server = await TestServer.StartAsync(new FakeDecisionSupportService());
        using var client = new DecisionSupportClient(server.Address, TestClients.FastRetries);
        ResponseMetadata? received = null;
        byte[] binary = [0, 1, 2, 254, 255];

        await client.EvaluateAsync(TestClients.ValidRequest(), new CallOptions
        {
            Headers = [MetadataEntry.Ascii("x-echo", "hello world"), MetadataEntry.Binary("x-echo-bin", binary)],
            OnResponseMetadata = metadata => received = metadata,
        });

        Assert.NotNull(received);
        Assert.Equal("hello world", Assert.Single(received.Headers, e => e.Key == "x-echo-header").Value);
        Assert.Equal(binary, Assert.Single(received.Headers, e => e.Key == "x-echo-header-bin").BinaryValue.ToArray());
        Assert.Equal("hello world", Assert.Single(received.Trailers, e => e.Key == "x-echo-trailer").Value);
        Assert.Equal(binary, Assert.Single(received.Trailers, e => e.Key == "x-echo-trailer-bin").BinaryValue.ToArray());
        Assert.DoesNotContain(received.Trailers, e => e.Key.StartsWith("grpc-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task EvaluateAsync_CompressRequests_SendsGzipTheServerUnderstands()
    {
        await using var server = await TestServer.StartAsync(new FakeDecisionSupportService());
        using var client = new DecisionSupportClient(server.Address, TestClients.FastRetries with { CompressRequests = true });

        var response = await client.EvaluateAsync(TestClients.ValidRequest("zipped"));

        Assert.Equal("zipped", response.RequestId);
        Assert.Equal("gzip", Assert.Single(server.Requests).GrpcEncoding);
    }

    [Fact]
    public async Task EvaluateAsync_ResponseLargerThanLimit_FailsWithResourceExhausted()
    {
        await using var server = await TestServer.StartAsync(new FakeDecisionSupportService { EvaluatePadding = 8192 });
        using var client = new DecisionSupportClient(server.Address, TestClients.FastRetries with { MaxReceiveMessageSize = 4096 });

        var error = await Assert.ThrowsAsync<DecisionSupportException>(() => client.EvaluateAsync(TestClients.ValidRequest()));

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        Assert.Contains("4096", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EvaluateAsync_NothingListening_FailsWithUnavailable()
    {
        using var client = new DecisionSupportClient(
            TestClients.UnusedLoopbackAddress(), TestClients.FastRetries with { MaxRetries = 1 });

        var error = await Assert.ThrowsAsync<DecisionSupportException>(() => client.EvaluateAsync(TestClients.ValidRequest()));

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.IsType<HttpRequestException>(error.InnerException);
    }

    [Fact]
    public void Constructor_InvalidAddressOrOptions_ThrowsNamingTheProblem()
    {
        Assert.Contains("http://", Assert.Throws<ArgumentException>(() => new DecisionSupportClient(new Uri("ftp://127.0.0.1/"))).Message, StringComparison.Ordinal);
        using var noBase = new HttpClient();
        Assert.Contains("BaseAddress", Assert.Throws<ArgumentException>(() => new DecisionSupportClient(noBase)).Message, StringComparison.Ordinal);
        Assert.Equal("MaxRetries", Assert.Throws<ArgumentException>(() => new DecisionSupportClient(new Uri("http://127.0.0.1:1"), new DecisionSupportClientOptions { MaxRetries = -2 })).ParamName);
    }

    [Fact]
    public async Task Constructor_ExistingHttpClient_IsUsedAndNotDisposed()
    {
        await using var server = await TestServer.StartAsync(new FakeDecisionSupportService());
        using var http = new HttpClient { BaseAddress = server.Address };
        using (var client = new DecisionSupportClient(http, TestClients.FastRetries))
        {
            Assert.Equal("via-http", (await client.EvaluateAsync(TestClients.ValidRequest("via-http"))).RequestId);
        }

        using var again = new DecisionSupportClient(http, TestClients.FastRetries);
        Assert.Equal("again", (await again.EvaluateAsync(TestClients.ValidRequest("again"))).RequestId);
    }
}

using Grpc.Health.V1;
using KetCds.Protocol.Tests.Infrastructure;
using ServingStatus = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace KetCds.Protocol.Tests.Health;

public sealed class HealthServiceTests(GrpcServerFixture fixture) : ServerTestBase(fixture)
{
    [Theory]
    [InlineData("")]
    [InlineData("ketcds.testing.v1.Echo")]
    public async Task Check_KnownService_Serving(string service)
    {
        var result = await Client.UnaryAsync("/grpc.health.v1.Health/Check", new HealthCheckRequest { Service = service });

        Assert.Equal(0, result.Status);
        Assert.Equal(ServingStatus.Serving, HealthCheckResponse.Parser.ParseFrom(Assert.Single(result.Messages)).Status);
    }

    [Fact]
    public async Task Check_UnknownService_NotFound()
    {
        var result = await Client.UnaryAsync("/grpc.health.v1.Health/Check", new HealthCheckRequest { Service = "nope" });

        Assert.Equal((int)GrpcStatusCode.NotFound, result.Status);
    }

    [Fact]
    public async Task List_AllServices_SortedSnapshot()
    {
        var result = await Client.UnaryAsync("/grpc.health.v1.Health/List", new HealthListRequest());

        var statuses = HealthListResponse.Parser.ParseFrom(Assert.Single(result.Messages)).Statuses;
        Assert.Equal(ServingStatus.Serving, statuses[""].Status);
        Assert.Equal(ServingStatus.Serving, statuses["ketcds.testing.v1.Echo"].Status);
    }

    [Fact]
    public async Task Watch_StatusChanges_EachChangeStreamed()
    {
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        const string service = "watched.Service";
        Fixture.Health.SetStatus(service, ServingStatus.Serving);
        using var request = GrpcTestClient.CreateRequest(
            "/grpc.health.v1.Health/Watch", new ByteArrayContent(GrpcTestClient.Frame(new HealthCheckRequest { Service = service })));
        using var response = await Client.SendAsync(request, guard.Token);
        await using var stream = await response.Content.ReadAsStreamAsync(guard.Token);

        Assert.Equal(ServingStatus.Serving, await NextAsync(stream, guard.Token));
        Fixture.Health.SetStatus(service, ServingStatus.NotServing);
        Assert.Equal(ServingStatus.NotServing, await NextAsync(stream, guard.Token));
        Fixture.Health.ClearStatus(service);
        Assert.Equal(ServingStatus.ServiceUnknown, await NextAsync(stream, guard.Token));
    }

    [Fact]
    public async Task Watch_UnknownService_ServiceUnknownThenStatusOnceKnown()
    {
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        const string service = "late.Service";
        using var request = GrpcTestClient.CreateRequest(
            "/grpc.health.v1.Health/Watch", new ByteArrayContent(GrpcTestClient.Frame(new HealthCheckRequest { Service = service })));
        using var response = await Client.SendAsync(request, guard.Token);
        await using var stream = await response.Content.ReadAsStreamAsync(guard.Token);

        Assert.Equal(ServingStatus.ServiceUnknown, await NextAsync(stream, guard.Token));
        Fixture.Health.SetStatus(service, ServingStatus.Serving);
        Assert.Equal(ServingStatus.Serving, await NextAsync(stream, guard.Token));
    }

    [Fact]
    public void SetStatus_ServiceUnknown_Rejected()
    {
        var registry = new HealthStatusRegistry();

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => registry.SetStatus("x", ServingStatus.ServiceUnknown));
        Assert.Contains("ClearStatus", error.Message, StringComparison.Ordinal);
    }

    private static async Task<ServingStatus> NextAsync(Stream stream, CancellationToken cancellationToken)
    {
        var payload = await GrpcTestClient.ReadFrameAsync(stream, cancellationToken);
        Assert.NotNull(payload);
        return HealthCheckResponse.Parser.ParseFrom(payload).Status;
    }
}

using System.Net;
using KetCds.Protocol.Tests.Infrastructure;
using KetCds.Protocol.Tests.Protos;

namespace KetCds.Protocol.Tests.Routing;

public sealed class UnimplementedEndpointTests(GrpcServerFixture fixture) : ServerTestBase(fixture)
{
    [Fact]
    public async Task Handle_UnknownMethod_UnimplementedNamingTheMethod()
    {
        var result = await Client.UnaryAsync("/ketcds.testing.v1.Echo/Nope", new EchoRequest());

        Assert.Equal((int)GrpcStatusCode.Unimplemented, result.Status);
        Assert.True(result.IsTrailersOnly);
        Assert.Contains("Nope", result.RawMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Handle_UnknownService_Unimplemented()
    {
        var result = await Client.UnaryAsync("/no.such.Service/Call", new EchoRequest());

        Assert.Equal((int)GrpcStatusCode.Unimplemented, result.Status);
        Assert.Contains("no.such.Service", result.RawMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Handle_NonGrpcPostToUnknownPath_Http404()
    {
        using var request = GrpcTestClient.CreateRequest("/somewhere", new StringContent("{}"), "application/json");

        using var response = await Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}

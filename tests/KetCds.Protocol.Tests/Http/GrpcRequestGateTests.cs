using System.Net;
using KetCds.Protocol.Tests.Infrastructure;
using KetCds.Protocol.Tests.Protos;

namespace KetCds.Protocol.Tests.Http;

public sealed class GrpcRequestGateTests(GrpcServerFixture fixture) : ServerTestBase(fixture)
{
    [Theory]
    [InlineData("application/json")]
    [InlineData("application/grpc+json")]
    [InlineData("application/grpcx")]
    public async Task TryAccept_WrongContentType_Http415(string contentType)
    {
        using var request = GrpcTestClient.CreateRequest(
            "/ketcds.testing.v1.Echo/Unary", new ByteArrayContent(GrpcTestClient.Frame(new EchoRequest())), contentType);

        using var response = await Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.False(response.Headers.Contains("grpc-status"));
    }

    [Fact]
    public async Task TryAccept_Http11Request_Refused()
    {
        using var http1 = new HttpClient { BaseAddress = Fixture.Http1Address };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/ketcds.testing.v1.Echo/Unary")
        {
            Content = new ByteArrayContent(GrpcTestClient.Frame(new EchoRequest())),
            Version = HttpVersion.Version11,
        };
        request.Content.Headers.ContentType = new("application/grpc");

        using var response = await http1.SendAsync(request);

        Assert.Equal(HttpStatusCode.UpgradeRequired, response.StatusCode);
        Assert.Contains("HTTP/2", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TryAccept_GetRequest_NotAGrpcCall()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/ketcds.testing.v1.Echo/Unary") { Version = HttpVersion.Version20, VersionPolicy = HttpVersionPolicy.RequestVersionExact };

        using var response = await Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }
}

using System.Net;
using System.Net.Http.Headers;
using KetCds.Client.Internal.Http;

namespace KetCds.Client.Tests.Internal.Http;

public sealed class ResponseStatusReaderTests
{
    [Fact]
    public void FromResponseHeaders_TrailersOnly_UsesGrpcStatusOverHttpStatus()
    {
        using var response = Response(HttpStatusCode.OK);
        response.Headers.TryAddWithoutValidation("grpc-status", "5");
        response.Headers.TryAddWithoutValidation("grpc-message", "rule %27x%27 not found");
        response.Headers.TryAddWithoutValidation("x-extra", "kept");

        var status = ResponseStatusReader.FromResponseHeaders(response);

        Assert.NotNull(status);
        Assert.Equal(StatusCode.NotFound, status.Code);
        Assert.Equal("rule 'x' not found", status.Detail);
        Assert.Equal("x-extra", Assert.Single(status.Trailers).Key);
    }

    [Theory]
    [InlineData(HttpStatusCode.ServiceUnavailable, StatusCode.Unavailable)]
    [InlineData(HttpStatusCode.NotFound, StatusCode.Unimplemented)]
    [InlineData(HttpStatusCode.UnsupportedMediaType, StatusCode.Unknown)]
    public void FromResponseHeaders_HttpErrorWithoutGrpcStatus_MapsHttpStatus(HttpStatusCode httpStatus, StatusCode expected)
    {
        using var response = Response(httpStatus);

        Assert.Equal(expected, ResponseStatusReader.FromResponseHeaders(response)?.Code);
    }

    [Fact]
    public void FromResponseHeaders_WrongContentType_IsUnknown()
    {
        using var response = Response(HttpStatusCode.OK, "text/html");

        var status = ResponseStatusReader.FromResponseHeaders(response);

        Assert.Equal(StatusCode.Unknown, status?.Code);
        Assert.Contains("text/html", status?.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("application/grpc")]
    [InlineData("application/grpc+proto")]
    public void FromResponseHeaders_GrpcContentType_LeavesStatusToTrailers(string contentType)
    {
        using var response = Response(HttpStatusCode.OK, contentType);

        Assert.Null(ResponseStatusReader.FromResponseHeaders(response));
    }

    [Fact]
    public void FromTrailers_MissingStatus_IsInternal()
    {
        using var response = Response(HttpStatusCode.OK);

        Assert.Equal(StatusCode.Internal, ResponseStatusReader.FromTrailers(response).Code);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("17")]
    [InlineData("-1")]
    public void FromStatusHeaders_InvalidGrpcStatus_IsUnknown(string value)
    {
        using var response = Response(HttpStatusCode.OK);
        response.TrailingHeaders.TryAddWithoutValidation("grpc-status", value);

        Assert.Equal(StatusCode.Unknown, ResponseStatusReader.FromTrailers(response).Code);
    }

    private static HttpResponseMessage Response(HttpStatusCode status, string contentType = "application/grpc")
    {
        var response = new HttpResponseMessage(status) { Content = new ByteArrayContent([]) };
        response.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        return response;
    }
}

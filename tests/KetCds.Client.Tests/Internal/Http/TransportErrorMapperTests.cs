using System.Net.Http;
using KetCds.Client.Internal.Http;

namespace KetCds.Client.Tests.Internal.Http;

public sealed class TransportErrorMapperTests
{
    [Theory]
    [InlineData(HttpRequestError.ConnectionError, StatusCode.Unavailable)]
    [InlineData(HttpRequestError.NameResolutionError, StatusCode.Unavailable)]
    [InlineData(HttpRequestError.SecureConnectionError, StatusCode.Unavailable)]
    [InlineData(HttpRequestError.HttpProtocolError, StatusCode.Internal)]
    public void TryMap_RequestErrors_MapToGrpcCodes(HttpRequestError error, StatusCode expected)
    {
        var mapped = TransportErrorMapper.TryMap(new HttpRequestException(error, "boom"));

        Assert.Equal(expected, mapped?.StatusCode);
    }

    [Theory]
    [InlineData(0x7, StatusCode.Unavailable)]
    [InlineData(0x8, StatusCode.Cancelled)]
    [InlineData(0xB, StatusCode.ResourceExhausted)]
    [InlineData(0xC, StatusCode.PermissionDenied)]
    [InlineData(0x2, StatusCode.Internal)]
    public void FromHttp2ErrorCode_StreamResets_MapPerSpec(long errorCode, StatusCode expected)
    {
        Assert.Equal(expected, TransportErrorMapper.FromHttp2ErrorCode(errorCode));
    }

    [Fact]
    public void TryMap_UnrelatedException_ReturnsNull()
    {
        Assert.Null(TransportErrorMapper.TryMap(new InvalidOperationException()));
    }
}

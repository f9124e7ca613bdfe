using Google.Protobuf;
using KetCds.Client.Internal.Health;

namespace KetCds.Client.Tests.Internal.Health;

public sealed class HealthCheckCodecTests
{
    [Fact]
    public void EncodeRequest_ServiceName_IsFieldOneString()
    {
        var bytes = HealthCheckCodec.EncodeRequest("ketcds.v1.DecisionSupportService");

        var input = new CodedInputStream(bytes);
        Assert.Equal(WireFormat.MakeTag(1, WireFormat.WireType.LengthDelimited), input.ReadTag());
        Assert.Equal("ketcds.v1.DecisionSupportService", input.ReadString());
        Assert.True(input.IsAtEnd);
    }

    [Fact]
    public void EncodeRequest_EmptyName_IsEmptyMessage()
    {
        Assert.Empty(HealthCheckCodec.EncodeRequest(string.Empty));
    }

    [Theory]
    [InlineData(new byte[] { }, HealthStatus.Unknown)]
    [InlineData(new byte[] { 0x08, 0x01 }, HealthStatus.Serving)]
    [InlineData(new byte[] { 0x08, 0x02 }, HealthStatus.NotServing)]
    [InlineData(new byte[] { 0x08, 0x03 }, HealthStatus.ServiceUnknown)]
    [InlineData(new byte[] { 0x08, 0x09 }, HealthStatus.Unknown)]
    [InlineData(new byte[] { 0x12, 0x01, 0x41, 0x08, 0x01 }, HealthStatus.Serving)]
    public void DecodeResponse_Bytes_ReadsStatusAndSkipsUnknownFields(byte[] message, HealthStatus expected)
    {
        Assert.Equal(expected, HealthCheckCodec.DecodeResponse(message));
    }
}

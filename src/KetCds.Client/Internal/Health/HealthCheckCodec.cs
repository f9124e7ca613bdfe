using Google.Protobuf;

namespace KetCds.Client.Internal.Health;

/// <summary>Hand-encodes grpc.health.v1 HealthCheckRequest/Response so the client needs no health protos.</summary>
internal static class HealthCheckCodec
{
    // HealthCheckRequest.service = 1 (string); HealthCheckResponse.status = 1 (enum ServingStatus).
    private const int ServiceFieldNumber = 1;
    private const int StatusFieldNumber = 1;

    public static byte[] EncodeRequest(string service)
    {
        if (service.Length == 0)
        {
            return [];
        }

        using var buffer = new MemoryStream();
        using (var output = new CodedOutputStream(buffer, leaveOpen: true))
        {
            output.WriteTag(ServiceFieldNumber, WireFormat.WireType.LengthDelimited);
            output.WriteString(service);
        }

        return buffer.ToArray();
    }

    public static HealthStatus DecodeResponse(byte[] message)
    {
        var input = new CodedInputStream(message);
        var status = HealthStatus.Unknown;
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            if (WireFormat.GetTagFieldNumber(tag) == StatusFieldNumber && WireFormat.GetTagWireType(tag) == WireFormat.WireType.Varint)
            {
                var value = input.ReadEnum();
                status = Enum.IsDefined((HealthStatus)value) ? (HealthStatus)value : HealthStatus.Unknown;
            }
            else
            {
                input.SkipLastField();
            }
        }

        return status;
    }
}

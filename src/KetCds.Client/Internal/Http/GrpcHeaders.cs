namespace KetCds.Client.Internal.Http;

/// <summary>Header names and values of the gRPC HTTP/2 protocol.</summary>
internal static class GrpcHeaders
{
    public const string ContentType = "application/grpc";
    public const string Timeout = "grpc-timeout";
    public const string Encoding = "grpc-encoding";
    public const string AcceptEncoding = "grpc-accept-encoding";
    public const string AcceptedEncodings = "identity,gzip";
    public const string Gzip = "gzip";
    public const string Identity = "identity";
    public const string Status = "grpc-status";
    public const string Message = "grpc-message";
    public const string StatusDetails = "grpc-status-details-bin";
}

namespace KetCds.Client.Internal.Http;

/// <summary>Maps an HTTP status that came without <c>grpc-status</c> to a gRPC code (gRPC's http-grpc-status-mapping).</summary>
internal static class HttpStatusMapper
{
    public static StatusCode ToStatusCode(int httpStatus) => httpStatus switch
    {
        >= 100 and < 200 => StatusCode.Internal,
        400 or 431 => StatusCode.Internal,
        401 => StatusCode.Unauthenticated,
        403 => StatusCode.PermissionDenied,
        404 => StatusCode.Unimplemented,
        429 or 502 or 503 or 504 => StatusCode.Unavailable,
        _ => StatusCode.Unknown,
    };
}

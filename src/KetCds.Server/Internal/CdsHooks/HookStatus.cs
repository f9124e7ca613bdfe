using Grpc.Core;

namespace KetCds.Server.Internal.CdsHooks;

/// <summary>The gRPC status nearest to a hook call's HTTP status, so hook records and gRPC records read alike in the trail.</summary>
internal static class HookStatus
{
    public static StatusCode Of(int httpStatus) => httpStatus switch
    {
        200 => StatusCode.OK,
        400 or 413 => StatusCode.InvalidArgument,
        401 => StatusCode.Unauthenticated,
        403 => StatusCode.PermissionDenied,
        404 => StatusCode.NotFound,
        // Kestrel's answer to a body that stopped arriving (its minimum data rate): the call ran out of time.
        408 => StatusCode.DeadlineExceeded,
        429 => StatusCode.ResourceExhausted,
        503 => StatusCode.Unavailable,
        _ => StatusCode.Unknown,
    };
}

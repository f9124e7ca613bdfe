using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using KetCds.Contracts.V1;

namespace KetCds.Server.Internal.Services;

/// <summary>The one shape of every INVALID_ARGUMENT the service sends: a google.rpc.Status whose BadRequest lists the violations.</summary>
internal static class InvalidArgumentStatus
{
    /// <summary>The status for <paramref name="violations"/>; its message counts them unless <paramref name="message"/> is given.</summary>
    public static RpcException Create(IReadOnlyList<FieldViolation> violations, string? message = null)
    {
        var badRequest = new BadRequest();
        foreach (var violation in violations)
        {
            badRequest.FieldViolations.Add(new BadRequest.Types.FieldViolation { Field = violation.Field, Description = violation.Description });
        }

        var status = new Google.Rpc.Status { Code = (int)Code.InvalidArgument, Message = message ?? StatusMessages.InvalidFields(violations) };
        status.Details.Add(Any.Pack(badRequest));
        return status.ToRpcException();
    }
}

using Google.Rpc;
using Grpc.Core;
using KetCds.Contracts.V1;

namespace KetCds.Client;

/// <summary>Reads the rich error details (<c>grpc-status-details-bin</c>) the server sends with INVALID_ARGUMENT.</summary>
public static class RpcExceptionExtensions
{
    /// <summary>
    /// The invalid request fields from the <c>google.rpc.BadRequest</c> (or <c>ketcds.v1.ValidationFailure</c>) details of
    /// <paramref name="exception"/>'s <c>google.rpc.Status</c>; empty when it has none.
    /// </summary>
    public static IReadOnlyList<FieldViolationDetail> FieldViolations(this RpcException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var status = exception.GetRpcStatus();
        if (status is null)
        {
            return [];
        }

        var violations = new List<FieldViolationDetail>();
        foreach (var detail in status.Details)
        {
            if (detail.TryUnpack<BadRequest>(out var badRequest))
            {
                violations.AddRange(badRequest.FieldViolations.Select(static v => new FieldViolationDetail(v.Field, v.Description)));
            }
            else if (detail.TryUnpack<ValidationFailure>(out var failure))
            {
                violations.AddRange(failure.Violations.Select(static v => new FieldViolationDetail(v.Field, v.Description)));
            }
        }

        return violations;
    }
}

using Google.Protobuf.WellKnownTypes;
using Google.Rpc;

namespace KetCds.Protocol;

/// <summary>Thrown by a handler to end the call with a specific gRPC status (and optional rich error details).</summary>
public sealed class GrpcException : Exception
{
    /// <summary>Creates an exception that ends the call with <paramref name="statusCode"/> and <paramref name="message"/>.</summary>
    public GrpcException(GrpcStatusCode statusCode, string message, Google.Rpc.Status? details = null)
        : base(message)
    {
        if (statusCode == GrpcStatusCode.OK)
        {
            throw new ArgumentOutOfRangeException(nameof(statusCode), "A GrpcException cannot carry status OK.");
        }

        if (!System.Enum.IsDefined(statusCode))
        {
            throw new ArgumentOutOfRangeException(nameof(statusCode), $"{(int)statusCode} is not a gRPC status code.");
        }

        StatusCode = statusCode;
        Details = details;
    }

    /// <summary>The status code sent as <c>grpc-status</c>.</summary>
    public GrpcStatusCode StatusCode { get; }

    /// <summary>Rich error model sent base64-encoded in the <c>grpc-status-details-bin</c> trailer, if any.</summary>
    public Google.Rpc.Status? Details { get; }

    /// <summary>Builds INVALID_ARGUMENT whose details pack a <c>google.rpc.BadRequest</c> listing every violation.</summary>
    public static GrpcException InvalidArgument(string message, IReadOnlyList<GrpcFieldViolation> violations)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(violations);
        if (violations.Count == 0)
        {
            throw new ArgumentException("At least one field violation is required.", nameof(violations));
        }

        var badRequest = new BadRequest();
        foreach (var violation in violations)
        {
            badRequest.FieldViolations.Add(new BadRequest.Types.FieldViolation
            {
                Field = violation.Field,
                Description = violation.Description,
            });
        }

        var status = new Google.Rpc.Status
        {
            Code = (int)GrpcStatusCode.InvalidArgument,
            Message = message,
        };
        status.Details.Add(Any.Pack(badRequest));
        return new GrpcException(GrpcStatusCode.InvalidArgument, message, status);
    }
}

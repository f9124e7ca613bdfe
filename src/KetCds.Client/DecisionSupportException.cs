namespace KetCds.Client;

/// <summary>A call ended with a non-OK gRPC status (from the server, the transport, the deadline, cancellation or the circuit breaker).</summary>
public sealed class DecisionSupportException : Exception
{
    /// <summary>Creates an exception for <paramref name="statusCode"/> with a plain-language <paramref name="detail"/>.</summary>
    public DecisionSupportException(StatusCode statusCode, string detail)
        : this(statusCode, detail, null, [], null)
    {
    }

    /// <summary>Creates an exception carrying everything the server or transport said about the failure.</summary>
    public DecisionSupportException(
        StatusCode statusCode,
        string detail,
        Google.Rpc.Status? status,
        IReadOnlyList<MetadataEntry> trailers,
        Exception? innerException)
        : base(FormatMessage(statusCode, detail), innerException)
    {
        ArgumentNullException.ThrowIfNull(detail);
        ArgumentNullException.ThrowIfNull(trailers);
        StatusCode = statusCode;
        Detail = detail;
        Status = status;
        Trailers = trailers;
        FieldViolations = Internal.Http.StatusDetailsParser.FieldViolations(status);
    }

    /// <summary>The gRPC status code.</summary>
    public StatusCode StatusCode { get; }

    /// <summary>The status message (<c>grpc-message</c>, percent-decoded) or the client's own explanation.</summary>
    public string Detail { get; }

    /// <summary>The rich error model from <c>grpc-status-details-bin</c>, when the server sent one.</summary>
    public Google.Rpc.Status? Status { get; }

    /// <summary>Invalid request fields from <c>google.rpc.BadRequest</c> (or <c>ketcds.v1.ValidationFailure</c>) details; empty when none.</summary>
    public IReadOnlyList<FieldViolationDetail> FieldViolations { get; }

    /// <summary>Custom response trailers (or Trailers-Only headers) that came with the status.</summary>
    public IReadOnlyList<MetadataEntry> Trailers { get; }

    private static string FormatMessage(StatusCode statusCode, string detail) =>
        string.IsNullOrEmpty(detail) ? $"gRPC status {statusCode}." : $"gRPC status {statusCode}: {detail}";
}

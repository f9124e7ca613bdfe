using System.Collections.Immutable;
using Grpc.Core;

namespace KetCds.Server.Internal.Auditing;

/// <summary>What the audit trail records about one call besides who made it and from where.</summary>
/// <param name="RequestId">The request id (Evaluate) or case id (a batch item); empty when none.</param>
/// <param name="RuleSet">The answering rule set's label, <c>name@version+hash</c>; empty when none answered.</param>
/// <param name="Status">The status the call ended with.</param>
/// <param name="Decision">Eligibility status, route codes and risk codes of the answer; empty otherwise.</param>
/// <param name="Request">The request's canonical bytes (its protobuf encoding after parsing); empty when it was never read.</param>
/// <param name="Response">The response's bytes; empty when there was none.</param>
internal sealed record CallRecord(
    string RequestId,
    string RuleSet,
    StatusCode Status,
    ImmutableArray<string> Decision,
    ReadOnlyMemory<byte> Request,
    ReadOnlyMemory<byte> Response)
{
    /// <summary>The request's SHA-256 when only the hash is kept (payloads not stored); default when <see cref="Request"/> holds the bytes.</summary>
    public ImmutableArray<byte> RequestSha256 { get; init; }

    /// <summary>The response's SHA-256 when only the hash is kept; default when <see cref="Response"/> holds the bytes.</summary>
    public ImmutableArray<byte> ResponseSha256 { get; init; }

    /// <summary>A call refused before its request was read (authentication, authorization, limits).</summary>
    public static CallRecord Refused(StatusCode status) => new(string.Empty, string.Empty, status, [], ReadOnlyMemory<byte>.Empty, ReadOnlyMemory<byte>.Empty);
}

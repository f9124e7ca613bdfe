using System.Collections.Immutable;

namespace KetCds.Audit;

/// <summary>One stored, chained audit record (see the project README for the canonical encoding its hash covers).</summary>
/// <param name="Sequence">Position in the chain, from 1 without gaps.</param>
/// <param name="Time">When the call was recorded (UTC, microsecond precision).</param>
/// <param name="Subject">The authenticated subject; empty when anonymous.</param>
/// <param name="ClientAddress">The peer address.</param>
/// <param name="Method">The called method.</param>
/// <param name="RequestId">The request id; empty when none.</param>
/// <param name="RuleSet">The rule-set label <c>name@version+hash</c>; empty when none.</param>
/// <param name="Status">The result status.</param>
/// <param name="Decision">The decision summary codes.</param>
/// <param name="RequestSha256">SHA-256 of the request's canonical bytes.</param>
/// <param name="ResponseSha256">SHA-256 of the response's bytes.</param>
/// <param name="RequestPayload">The request bytes, when payloads were stored and not yet pruned.</param>
/// <param name="ResponsePayload">The response bytes, when payloads were stored and not yet pruned.</param>
/// <param name="PreviousHash">The previous record's <see cref="Hash"/> (32 zero bytes for the first record).</param>
/// <param name="Hash">SHA-256 of this record's canonical encoding.</param>
public sealed record AuditRecord(
    long Sequence,
    DateTimeOffset Time,
    string Subject,
    string ClientAddress,
    string Method,
    string RequestId,
    string RuleSet,
    string Status,
    ImmutableArray<string> Decision,
    ImmutableArray<byte> RequestSha256,
    ImmutableArray<byte> ResponseSha256,
    ImmutableArray<byte>? RequestPayload,
    ImmutableArray<byte>? ResponsePayload,
    ImmutableArray<byte> PreviousHash,
    ImmutableArray<byte> Hash);

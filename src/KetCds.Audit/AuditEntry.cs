using System.Collections.Immutable;

namespace KetCds.Audit;

/// <summary>What a caller records about one call; the trail adds the time, sequence number and chain hashes.</summary>
/// <param name="Subject">The authenticated subject (token subject or certificate name); empty when anonymous.</param>
/// <param name="ClientAddress">The peer address the call came from.</param>
/// <param name="Method">The called method's full name.</param>
/// <param name="RequestId">The caller-supplied request id; empty when none.</param>
/// <param name="RuleSet">The rule-set label the call was answered with, <c>name@version+hash</c>; empty when none.</param>
/// <param name="Status">The result status (e.g. a gRPC status code name).</param>
/// <param name="Decision">A short summary of the answer as codes, in the caller's order.</param>
/// <param name="Request">The request's canonical bytes: hashed unless <see cref="RequestSha256"/> is given, stored only when payloads are enabled.</param>
/// <param name="Response">The response's bytes (empty when there was none): hashed unless <see cref="ResponseSha256"/> is given, stored only when payloads are enabled.</param>
public sealed record AuditEntry(
    string Subject,
    string ClientAddress,
    string Method,
    string RequestId,
    string RuleSet,
    string Status,
    ImmutableArray<string> Decision,
    ReadOnlyMemory<byte> Request,
    ReadOnlyMemory<byte> Response)
{
    /// <summary>The request's SHA-256 when the caller computed it, so a large request need not be copied to be hashed; ignored when payloads are stored (the stored bytes are hashed).</summary>
    public ImmutableArray<byte> RequestSha256 { get; init; }

    /// <summary>The response's SHA-256 when the caller computed it; ignored when payloads are stored.</summary>
    public ImmutableArray<byte> ResponseSha256 { get; init; }

    /// <summary>Whether an answer is withheld until this record is durable: such records are committed ahead of others waiting.</summary>
    public bool Urgent { get; init; }
}

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
/// <param name="Request">The request's canonical bytes: always hashed, stored only when payloads are enabled.</param>
/// <param name="Response">The response's bytes (empty when there was none): always hashed, stored only when payloads are enabled.</param>
public sealed record AuditEntry(
    string Subject,
    string ClientAddress,
    string Method,
    string RequestId,
    string RuleSet,
    string Status,
    ImmutableArray<string> Decision,
    ReadOnlyMemory<byte> Request,
    ReadOnlyMemory<byte> Response);

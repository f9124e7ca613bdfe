using System.Collections.Immutable;

namespace KetCds.Audit.Internal;

/// <summary>A record's contents before the store gives it a sequence number and chains it.</summary>
internal sealed record PendingRecord(
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
    ImmutableArray<byte>? ResponsePayload);

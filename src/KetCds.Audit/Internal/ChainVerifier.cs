using System.Collections.Immutable;

namespace KetCds.Audit.Internal;

/// <summary>Walks records in sequence order and finds the first link that does not hold.</summary>
internal static class ChainVerifier
{
    public static async Task<AuditVerification> VerifyAsync(IAsyncEnumerable<AuditRecord> records, CancellationToken cancellationToken)
    {
        var tail = ChainTail.Genesis;
        long count = 0;
        var enumerator = records.GetAsyncEnumerator(cancellationToken);
        await using (enumerator.ConfigureAwait(false))
        {
            while (true)
            {
                AuditRecord record;
                try
                {
                    if (!await enumerator.MoveNextAsync().ConfigureAwait(false))
                    {
                        break;
                    }

                    record = enumerator.Current;
                }
                catch (FormatException e)
                {
                    return Broken(count, tail, tail.Sequence + 1, "record cannot be decoded: " + e.Message);
                }

                count++;
                var reason = Check(record, tail);
                if (reason is not null)
                {
                    return Broken(count, tail, Math.Min(record.Sequence, tail.Sequence + 1), reason);
                }

                tail = new ChainTail(record.Sequence, record.Hash);
            }
        }

        return new AuditVerification(count, tail.Sequence, Convert.ToHexStringLower(tail.Hash.AsSpan()), null);
    }

    private static string? Check(AuditRecord record, ChainTail tail)
    {
        var expected = tail.Sequence + 1;
        if (record.Sequence != expected)
        {
            return record.Sequence > expected
                ? $"record {expected} is missing (the next stored record is {record.Sequence})"
                : $"sequence {record.Sequence} appears after {tail.Sequence}";
        }

        foreach (var (name, hash) in new[] { ("request_sha256", record.RequestSha256), ("response_sha256", record.ResponseSha256), ("previous_hash", record.PreviousHash), ("hash", record.Hash) })
        {
            if (hash.Length != AuditChain.HashLength)
            {
                return $"{name} has {hash.Length} bytes instead of {AuditChain.HashLength}";
            }
        }

        if (!record.PreviousHash.AsSpan().SequenceEqual(tail.Hash.AsSpan()))
        {
            return tail.Sequence == 0
                ? "previous_hash of the first record is not 32 zero bytes (records before it were removed or it was replaced)"
                : $"previous_hash does not match record {tail.Sequence}'s hash (a record was inserted, removed, replaced or reordered)";
        }

        if (!AuditChain.ComputeHash(record).AsSpan().SequenceEqual(record.Hash.AsSpan()))
        {
            return "hash does not match the record's contents (the record was edited)";
        }

        return PayloadMismatch(record.RequestPayload, record.RequestSha256, "request")
            ?? PayloadMismatch(record.ResponsePayload, record.ResponseSha256, "response");
    }

    private static string? PayloadMismatch(ImmutableArray<byte>? payload, ImmutableArray<byte> hash, string what) =>
        payload is { } bytes && !AuditChain.Sha256(bytes.AsSpan()).AsSpan().SequenceEqual(hash.AsSpan())
            ? $"stored {what} payload does not match {what}_sha256 (the payload was edited)"
            : null;

    private static AuditVerification Broken(long count, ChainTail tail, long sequence, string reason) =>
        new(count, tail.Sequence, Convert.ToHexStringLower(tail.Hash.AsSpan()), new AuditBreak(sequence, reason));
}

using System.Globalization;
using CsvHelper;
using KetCds.Audit;

namespace KetCds.Cli.Internal.Audit;

/// <summary>RFC 4180 CSV (CsvHelper does the quoting) with a header row; the same columns as the JSON Lines export.</summary>
internal static class AuditCsv
{
    private static readonly string[] Header =
    [
        "sequence", "time", "subject", "client_address", "method", "request_id", "rule_set", "status", "decision",
        "request_sha256", "response_sha256", "request_payload", "response_payload", "previous_hash", "hash",
    ];

    public static async Task<long> WriteAsync(TextWriter writer, IAsyncEnumerable<AuditRecord> records)
    {
        long count = 0;
        var csv = CsvWriter.Create(writer, null, true);
        await using (csv.ConfigureAwait(false))
        {
            csv.WriteHeader(Header);
            await foreach (var record in records.ConfigureAwait(false))
            {
                await csv.WriteRecordAsync(
                [
                    record.Sequence.ToString(CultureInfo.InvariantCulture),
                    AuditFields.Time(record),
                    record.Subject,
                    record.ClientAddress,
                    record.Method,
                    record.RequestId,
                    record.RuleSet,
                    record.Status,
                    // Codes are joined with ';' (codes are identifiers; the field is quoted if one ever holds a delimiter).
                    string.Join(';', record.Decision),
                    AuditFields.Hex(record.RequestSha256),
                    AuditFields.Hex(record.ResponseSha256),
                    AuditFields.Base64(record.RequestPayload) ?? string.Empty,
                    AuditFields.Base64(record.ResponsePayload) ?? string.Empty,
                    AuditFields.Hex(record.PreviousHash),
                    AuditFields.Hex(record.Hash),
                ]).ConfigureAwait(false);
                count++;
            }

            await csv.FlushAsync().ConfigureAwait(false);
        }

        return count;
    }
}

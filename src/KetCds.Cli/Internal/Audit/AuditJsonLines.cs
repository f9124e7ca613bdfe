using System.Buffers;
using System.Text;
using System.Text.Json;
using KetCds.Audit;

namespace KetCds.Cli.Internal.Audit;

/// <summary>One JSON object per record and line, fields in a fixed order (hashes hex, payloads base64 or null).</summary>
internal static class AuditJsonLines
{
    public static async Task<long> WriteAsync(TextWriter writer, IAsyncEnumerable<AuditRecord> records)
    {
        long count = 0;
        var buffer = new ArrayBufferWriter<byte>();
        await foreach (var record in records.ConfigureAwait(false))
        {
            buffer.ResetWrittenCount();
            using (var json = new Utf8JsonWriter(buffer))
            {
                Write(json, record);
            }

            await writer.WriteLineAsync(Encoding.UTF8.GetString(buffer.WrittenSpan)).ConfigureAwait(false);
            count++;
        }

        return count;
    }

    private static void Write(Utf8JsonWriter json, AuditRecord record)
    {
        json.WriteStartObject();
        json.WriteNumber("sequence", record.Sequence);
        json.WriteString("time", AuditFields.Time(record));
        json.WriteString("subject", record.Subject);
        json.WriteString("client_address", record.ClientAddress);
        json.WriteString("method", record.Method);
        json.WriteString("request_id", record.RequestId);
        json.WriteString("rule_set", record.RuleSet);
        json.WriteString("status", record.Status);
        json.WriteStartArray("decision");
        foreach (var code in record.Decision)
        {
            json.WriteStringValue(code);
        }

        json.WriteEndArray();
        json.WriteString("request_sha256", AuditFields.Hex(record.RequestSha256));
        json.WriteString("response_sha256", AuditFields.Hex(record.ResponseSha256));
        json.WriteString("request_payload", AuditFields.Base64(record.RequestPayload));
        json.WriteString("response_payload", AuditFields.Base64(record.ResponsePayload));
        json.WriteString("previous_hash", AuditFields.Hex(record.PreviousHash));
        json.WriteString("hash", AuditFields.Hex(record.Hash));
        json.WriteEndObject();
    }
}

using System.Collections.Immutable;
using System.Data.Common;
using System.Text.Json;

namespace KetCds.Audit.Internal;

/// <summary>The table layout both stores share, and the mapping between a row and a record.</summary>
internal static class RecordColumns
{
    public const string Table = "audit_record";

    public const string Select =
        "SELECT sequence, time_us, subject, client_address, method, request_id, rule_set, status, decision, request_sha256, response_sha256, " +
        "request_payload, response_payload, previous_hash, hash FROM " + Table;

    public const string Insert =
        "INSERT INTO " + Table + " (sequence, time_us, subject, client_address, method, request_id, rule_set, status, decision, request_sha256, " +
        "response_sha256, request_payload, response_payload, previous_hash, hash) VALUES " +
        "(@sequence, @time_us, @subject, @client_address, @method, @request_id, @rule_set, @status, @decision, @request_sha256, @response_sha256, " +
        "@request_payload, @response_payload, @previous_hash, @hash)";

    public const string Prune =
        "UPDATE " + Table + " SET request_payload = NULL, response_payload = NULL " +
        "WHERE time_us < @cut AND (request_payload IS NOT NULL OR response_payload IS NOT NULL)";

    public const string Tail = "SELECT sequence, hash FROM " + Table + " ORDER BY sequence DESC LIMIT 1";

    /// <summary>The schema; <paramref name="bytes"/> is the store's binary type (BLOB or BYTEA).</summary>
    public static string CreateTable(string bytes) =>
        "CREATE TABLE IF NOT EXISTS " + Table + " (" +
        "sequence BIGINT PRIMARY KEY, time_us BIGINT NOT NULL, subject TEXT NOT NULL, client_address TEXT NOT NULL, method TEXT NOT NULL, " +
        "request_id TEXT NOT NULL, rule_set TEXT NOT NULL, status TEXT NOT NULL, decision TEXT NOT NULL, " +
        $"request_sha256 {bytes} NOT NULL, response_sha256 {bytes} NOT NULL, request_payload {bytes} NULL, response_payload {bytes} NULL, " +
        $"previous_hash {bytes} NOT NULL, hash {bytes} NOT NULL)";

    public static string TimeIndex => "CREATE INDEX IF NOT EXISTS " + Table + "_time ON " + Table + " (time_us)";

    /// <summary>The WHERE clause for a time range, using parameters @from and @to.</summary>
    public static string Range(DateTimeOffset? from, DateTimeOffset? to) =>
        (from, to) switch
        {
            (null, null) => string.Empty,
            (not null, null) => " WHERE time_us >= @from",
            (null, not null) => " WHERE time_us < @to",
            _ => " WHERE time_us >= @from AND time_us < @to",
        };

    public static void Bind(DbCommand command, AuditRecord record) => Bind(record, (name, value) => Add(command, name, value));

    public static void Bind(DbBatchCommand command, AuditRecord record) => Bind(record, (name, value) =>
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    });

    private static void Bind(AuditRecord record, Action<string, object> add)
    {
        add("sequence", record.Sequence);
        add("time_us", AuditChain.ToMicroseconds(record.Time));
        add("subject", record.Subject);
        add("client_address", record.ClientAddress);
        add("method", record.Method);
        add("request_id", record.RequestId);
        add("rule_set", record.RuleSet);
        add("status", record.Status);
        add("decision", JsonSerializer.Serialize(record.Decision.ToArray(), AuditJsonContext.Default.StringArray));
        add("request_sha256", record.RequestSha256.ToArray());
        add("response_sha256", record.ResponseSha256.ToArray());
        add("request_payload", record.RequestPayload is { } request ? request.ToArray() : DBNull.Value);
        add("response_payload", record.ResponsePayload is { } response ? response.ToArray() : DBNull.Value);
        add("previous_hash", record.PreviousHash.ToArray());
        add("hash", record.Hash.ToArray());
    }

    public static void AddRange(DbCommand command, DateTimeOffset? from, DateTimeOffset? to)
    {
        if (from is { } start)
        {
            Add(command, "from", AuditChain.ToMicroseconds(start));
        }

        if (to is { } end)
        {
            Add(command, "to", AuditChain.ToMicroseconds(end));
        }
    }

    public static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    /// <summary>Reads the current row; throws <see cref="FormatException"/> when a column does not hold what the schema says.</summary>
    public static AuditRecord Read(DbDataReader reader)
    {
        try
        {
            var decision = JsonSerializer.Deserialize(reader.GetString(8), AuditJsonContext.Default.StringArray)
                ?? throw new FormatException("decision is null");
            if (decision.Any(code => code is null))
            {
                throw new FormatException("decision holds a null code");
            }

            return new AuditRecord(
                reader.GetInt64(0),
                AuditChain.FromMicroseconds(reader.GetInt64(1)),
                reader.GetString(2),
                reader.GetString(3),
                reader.GetString(4),
                reader.GetString(5),
                reader.GetString(6),
                reader.GetString(7),
                ImmutableArray.Create(decision),
                Bytes(reader, 9),
                Bytes(reader, 10),
                reader.IsDBNull(11) ? null : Bytes(reader, 11),
                reader.IsDBNull(12) ? null : Bytes(reader, 12),
                Bytes(reader, 13),
                Bytes(reader, 14));
        }
        catch (Exception e) when (e is InvalidCastException or JsonException or ArgumentOutOfRangeException)
        {
            throw new FormatException("a column does not hold what the schema says: " + e.Message, e);
        }
    }

    private static ImmutableArray<byte> Bytes(DbDataReader reader, int ordinal) => ImmutableArray.Create(reader.GetFieldValue<byte[]>(ordinal));
}

using System.Text;
using System.Text.Json;
using KetCds.Audit;
using CliRunner = KetCds.Cli.Tests.Support.Cli;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;

namespace KetCds.Cli.Tests.Audit;

public sealed class AuditCommandTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2025, 3, 4, 10, 0, 0, TimeSpan.Zero);
    private readonly string _root = Path.Combine(Path.GetTempPath(), "ketcds-cli-audit-" + Guid.NewGuid().ToString("N"));

    public AuditCommandTests() => Directory.CreateDirectory(_root);

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task Verify_IntactTrail_ExitsZeroWithCountAndHead()
    {
        var head = await FillAsync("trail.db", 5);

        var result = await CliRunner.RunAsync(_root, "audit", "verify", "--store", "trail.db");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal($"audit trail intact: 5 records, head 5 {Convert.ToHexStringLower(head.Hash.AsSpan())}\n", result.Out);
    }

    [Fact]
    public async Task Verify_EditedRecord_ExitsOneNamingTheFirstBrokenLink()
    {
        await FillAsync("trail.db", 5);
        await ExecuteAsync("trail.db", "UPDATE audit_record SET subject = 'someone else' WHERE sequence = 3");

        var result = await CliRunner.RunAsync(_root, "audit", "verify", "--store", "Data Source=trail.db");

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.StartsWith("audit trail BROKEN at record 3: hash does not match the record's contents (the record was edited)\nlast intact record: 2 ", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_DeletedRecord_ExitsOneNamingTheMissingSequence()
    {
        await FillAsync("trail.db", 5);
        await ExecuteAsync("trail.db", "DELETE FROM audit_record WHERE sequence = 2");

        var result = await CliRunner.RunAsync(_root, "audit", "verify", "--store", "trail.db");

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.StartsWith("audit trail BROKEN at record 2: record 2 is missing (the next stored record is 3)\n", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_MissingFile_ExitsTwoWithOneLineErrorAndCreatesNothing()
    {
        var result = await CliRunner.RunAsync(_root, "audit", "verify", "--store", "typo.db");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"error: audit trail file '{Path.Combine(_root, "typo.db")}' does not exist\n", result.Error);
        Assert.False(File.Exists(Path.Combine(_root, "typo.db")));
    }

    [Fact]
    public async Task Verify_UnusableConnectionString_ExitsTwoNamingTheOption()
    {
        var result = await CliRunner.RunAsync(_root, "audit", "verify", "--store", "Password=secret");

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("error: --store: Audit:ConnectionString: names neither", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_JsonLinesInRange_WritesOneObjectPerRecordInSequenceOrder()
    {
        await FillAsync("trail.db", 6);

        var result = await CliRunner.RunAsync(_root, "audit", "export", "--store", "trail.db", "--from", "2025-03-04T10:02:00Z", "--to", "2025-03-04T10:05:00Z");

        Assert.True(result.ExitCode == 0, result.ToString());
        var lines = result.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        using var first = JsonDocument.Parse(lines[0]);
        Assert.Equal(3, first.RootElement.GetProperty("sequence").GetInt64());
        Assert.Equal("2025-03-04T10:02:00.000000Z", first.RootElement.GetProperty("time").GetString());
        Assert.Equal("request-2", first.RootElement.GetProperty("request_id").GetString());
        Assert.Equal(["eligibility.eligible", "route.iv"], first.RootElement.GetProperty("decision").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(JsonValueKind.Null, first.RootElement.GetProperty("request_payload").ValueKind);
        Assert.Equal(64, first.RootElement.GetProperty("hash").GetString()!.Length);
        Assert.Equal([3L, 4L, 5L], lines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("sequence").GetInt64()));
    }

    [Fact]
    public async Task Export_Csv_WritesHeaderAndQuotesFieldsThatNeedIt()
    {
        await FillAsync("trail.db", 2, subject: "Doe, \"Jane\"");

        var result = await CliRunner.RunAsync(_root, "audit", "export", "--store", "trail.db", "--format", "csv", "--output", "out/audit.csv");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("2 records written to out/audit.csv\n", result.Error);
        var lines = File.ReadAllText(Path.Combine(_root, "out", "audit.csv")).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.Equal("sequence,time,subject,client_address,method,request_id,rule_set,status,decision,request_sha256,response_sha256,request_payload,response_payload,previous_hash,hash", lines[0]);
        Assert.StartsWith("1,2025-03-04T10:00:00.000000Z,\"Doe, \"\"Jane\"\"\",127.0.0.1,/ketcds.v1.DecisionSupport/Evaluate,request-0,ketcds@1+abc,OK,eligibility.eligible;route.iv,", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_Deterministic_SameTrailGivesIdenticalBytes()
    {
        await FillAsync("trail.db", 4);

        var first = await CliRunner.RunAsync(_root, "audit", "export", "--store", "trail.db");
        var second = await CliRunner.RunAsync(_root, "audit", "export", "--store", "trail.db");

        Assert.Equal(first.Out, second.Out);
        Assert.Equal(4, first.Out.Count(c => c == '\n'));
    }

    [Theory]
    [InlineData("--from", "yesterday", "error: --from: expected an ISO 8601 time such as 2025-03-04T05:06:07Z, got 'yesterday'\n")]
    [InlineData("--to", "2025-13-01", "error: --to: expected an ISO 8601 time such as 2025-03-04T05:06:07Z, got '2025-13-01'\n")]
    public async Task Export_BadTime_ExitsTwoNamingTheOption(string option, string value, string error)
    {
        await FillAsync("trail.db", 1);

        var result = await CliRunner.RunAsync(_root, "audit", "export", "--store", "trail.db", option, value);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(error, result.Error);
    }

    [Fact]
    public async Task Export_UnknownFormat_ExitsTwoWithUsageError()
    {
        var result = await CliRunner.RunAsync(_root, "audit", "export", "--format", "xml");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("xml", result.Error, StringComparison.Ordinal);
        Assert.Empty(result.Out);
    }

    private async Task<AuditRecord> FillAsync(string file, int count, string subject = "clinician-1")
    {
        // One record a minute from 10:00, so time ranges select exact records.
        var time = new FakeTimeProvider(Start);
        await using var trail = AuditTrailFactory.Create(new AuditOptions($"Data Source={Path.Combine(_root, file)}"), time);
        AuditRecord last = null!;
        for (var i = 0; i < count; i++)
        {
            last = await trail.AppendAsync(new AuditEntry(
                subject, "127.0.0.1", "/ketcds.v1.DecisionSupport/Evaluate", $"request-{i}", "ketcds@1+abc", "OK",
                ["eligibility.eligible", "route.iv"], Encoding.UTF8.GetBytes($"request {i}"), ReadOnlyMemory<byte>.Empty));
            time.Advance(TimeSpan.FromMinutes(1));
        }

        return last;
    }

    private async Task ExecuteAsync(string file, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(_root, file)};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}

using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using KetCds.Audit;
using KetCds.CdsHooks.Tests.Infrastructure;

namespace KetCds.CdsHooks.Tests;

/// <summary>
/// Every CDS Hooks decision call in the server's audit trail, one record per call: the real server on loopback, a real
/// HTTP client and the real SQLite trail, read back and verified as <c>ketcds audit verify</c> does.
/// </summary>
public sealed class AuditedCallRecorderTests : IDisposable
{
    private const string Service = "/cds-services/ketcds-patient-view";

    // A SQLite file under a regular file cannot be created: every append fails.
    private static readonly string Unwritable = "Data Source=" + Path.Combine("/etc/hostname", "audit.db");

    // The failed append (event 4000) and the call it could not record (2200) are logged as errors: what an operator must
    // see when the trail cannot be written.
    private static readonly Func<CapturedLog, bool> UnwritableTrail = static e => e.EventId.Id is 4000 or 2200;

    private readonly string _auditFile = Path.Combine(Path.GetTempPath(), "ketcds-hooks-tests", "audit-" + Guid.NewGuid().ToString("N") + ".db");
    private readonly EhrIssuer _ehr = new();
    private readonly HookFile _example = HookFile.Load(Path.Combine(Repository.HookFiles, "examples", "patient-view.json"));

    public AuditedCallRecorderTests() => Directory.CreateDirectory(Path.GetDirectoryName(_auditFile)!);

    [Fact]
    public async Task RecordAsync_PatientViewWithEhrToken_OneDurableRecordWithSubjectHookInstanceSummaryAndHashes()
    {
        await using var server = await HookServer.StartAsync([.. _ehr.ServerArgs(), .. Trail()]);
        var body = Encoding.UTF8.GetBytes(_example.RequestJson);

        using var response = await PostAsync(server, Service, body, _ehr.Token(server.Address.AbsoluteUri.TrimEnd('/') + Service));
        var answer = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // Read while the server runs and without waiting: the record was durable before the cards left.
        var record = Assert.Single(await ReadAsync(), r => r.Method == Service);
        Assert.Equal($"token {EhrIssuer.Issuer} {EhrIssuer.Subject}", record.Subject);
        Assert.StartsWith("127.0.0.1:", record.ClientAddress, StringComparison.Ordinal);
        Assert.Equal("4f0b7a52-1c2e-4d8a-9e61-5b3c2a7d9e10", record.RequestId);
        Assert.Equal("OK", record.Status);
        Assert.Matches("^ketcds-ketamine-pain@1\\.1\\.0\\+[0-9a-f]{64}$", record.RuleSet);
        Assert.StartsWith(record.RuleSet[..(record.RuleSet.IndexOf('+', StringComparison.Ordinal) + 13)], response.Headers.GetValues("KetCds-Rule-Set").Single(), StringComparison.Ordinal);
        Assert.Equal(SummaryOfCards(answer), record.Decision.ToArray());
        Assert.Contains(record.Decision, static code => code.StartsWith("route.", StringComparison.Ordinal));
        Assert.Equal(SHA256.HashData(body), record.RequestSha256.ToArray());
        Assert.Equal(SHA256.HashData(answer), record.ResponseSha256.ToArray());
        Assert.Null(record.RequestPayload);
        Assert.Null(record.ResponsePayload);
    }

    [Fact]
    public async Task RecordAsync_EveryRegressionHook_RecordedSummaryIsTheCardsDecision()
    {
        await using var server = await HookServer.StartAsync(Trail());
        var files = HookFile.In("regression").Select(static f => HookFile.Load(Path.Combine(Repository.HookFiles, "regression", (string)f[0]))).ToList();
        var expected = new List<(string, string[])>();
        foreach (var file in files)
        {
            using var response = await PostAsync(server, "/cds-services/" + file.Service, Encoding.UTF8.GetBytes(file.RequestJson));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            expected.Add((file.Request["hookInstance"]!.GetValue<string>(), SummaryOfCards(await response.Content.ReadAsByteArrayAsync())));
        }

        var records = await ReadAsync();
        Assert.Equal(expected.Count, records.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i].Item1, records[i].RequestId);
            Assert.Equal(expected[i].Item2, records[i].Decision.ToArray());
        }

        // The comparison covers every part of the summary: some answers name risks, some no route.
        Assert.Contains(records, static r => r.Decision.Any(static c => c.StartsWith("risk.", StringComparison.Ordinal)));
        Assert.Contains(records, static r => r.Decision.Length == 1);
    }

    [Fact]
    public async Task RecordAsync_InvalidRequest_RecordedInvalidArgumentWithItsHookInstance()
    {
        await using var server = await HookServer.StartAsync(Trail());
        var body = """{"hook":"order-sign","hookInstance":"bad-1","context":{"patientId":"p-1"}}"""u8.ToArray();

        using var response = await PostAsync(server, Service, body);
        var answer = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var record = Assert.Single(await ReadAsync(), r => r.Method == Service);
        Assert.Equal(("bad-1", "InvalidArgument", string.Empty, string.Empty), (record.RequestId, record.Status, record.RuleSet, record.Subject));
        Assert.Empty(record.Decision);
        Assert.Equal(SHA256.HashData(body), record.RequestSha256.ToArray());
        Assert.Equal(SHA256.HashData(answer), record.ResponseSha256.ToArray());
    }

    [Fact]
    public async Task RecordAsync_UnknownService_RecordedNotFoundUnderTheIdCalled()
    {
        await using (var server = await HookServer.StartAsync(Trail()))
        {
            using var response = await PostAsync(server, "/cds-services/no-such-service", Encoding.UTF8.GetBytes(_example.RequestJson));
            // Kestrel itself refuses an id that decodes to a NUL (which the trail could not store), before the pipeline runs.
            using var nul = await PostAsync(server, "/cds-services/a%00b", Encoding.UTF8.GetBytes(_example.RequestJson));
            Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.BadRequest), (response.StatusCode, nul.StatusCode));
        }

        // Read after the server's stop flushed the trail, so a record written after an answer would be here too.
        var record = Assert.Single(await ReadAsync());
        Assert.Equal(("/cds-services/no-such-service", "NotFound", string.Empty), (record.Method, record.Status, record.RequestId));
    }

    [Fact]
    public async Task RecordAsync_HookInstanceWithNulOrLoneSurrogate_RecordedAnyway()
    {
        await using var server = await HookServer.StartAsync(Trail());

        // The trail stores no NUL (it becomes U+FFFD); a lone surrogate cannot be read at all, so it is a problem of the request.
        using var nul = await PostAsync(server, Service, """{"hook":"patient-view","hookInstance":"a\u0000b","context":{}}"""u8.ToArray());
        using var surrogate = await PostAsync(server, Service, """{"hook":"patient-view","hookInstance":"a\ud800b","context":{}}"""u8.ToArray());

        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest), (nul.StatusCode, surrogate.StatusCode));
        Assert.Contains("\"field\":\"hookInstance\"", await surrogate.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal([("a\uFFFDb", "InvalidArgument"), (string.Empty, "InvalidArgument")], (await ReadAsync()).Select(static r => (r.RequestId, r.Status)));
    }

    [Fact]
    public async Task RecordAsync_NoTerminologyMapLoaded_RecordedUnavailable()
    {
        var missing = Path.Combine(Path.GetTempPath(), "ketcds-hooks-tests", "no-map-" + Guid.NewGuid().ToString("N"));
        await using var server = await HookServer.StartAsync([.. Trail(), "--KetCds:CdsHooks:TerminologyDirectory", missing], expectedError: static e => e.EventId.Id == 6001);

        using var response = await PostAsync(server, Service, Encoding.UTF8.GetBytes(_example.RequestJson));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var record = Assert.Single(await ReadAsync());
        Assert.Equal((Service, "Unavailable", string.Empty, string.Empty), (record.Method, record.Status, record.RequestId, record.RuleSet));
        Assert.Equal(SHA256.HashData(await response.Content.ReadAsByteArrayAsync()), record.ResponseSha256.ToArray());
    }

    [Fact]
    public async Task RecordAsync_StorePayloadsOn_KeepsTheBodiesAsReceivedAndSent()
    {
        await using var server = await HookServer.StartAsync([.. Trail(), "--KetCds:Audit:StorePayloads", "true"]);
        var body = Encoding.UTF8.GetBytes(_example.RequestJson);

        using var response = await PostAsync(server, Service, body);
        var answer = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var record = Assert.Single(await ReadAsync());
        Assert.Equal(body, record.RequestPayload!.Value.ToArray());
        Assert.Equal(answer, record.ResponsePayload!.Value.ToArray());
        Assert.Equal(SHA256.HashData(answer), record.ResponseSha256.ToArray());
    }

    [Fact]
    public async Task RecordAsync_TrailCannotBeWritten_503WithoutCards()
    {
        await using var server = await HookServer.StartAsync(["--KetCds:Audit:ConnectionString", Unwritable], expectedError: UnwritableTrail);

        using var response = await PostAsync(server, Service, Encoding.UTF8.GetBytes(_example.RequestJson));
        var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Null(answer["cards"]);
        Assert.Equal("the answer could not be recorded", answer["error"]!.GetValue<string>());
        Assert.Contains("audit trail", answer["problems"]![0]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.False(response.Headers.Contains("KetCds-Rule-Set"));
    }

    [Fact]
    public async Task RecordAsync_TrailCannotBeWrittenAndFailOpen_AnsweredWithCards()
    {
        await using var server = await HookServer.StartAsync(["--KetCds:Audit:ConnectionString", Unwritable, "--KetCds:Audit:FailClosed", "false"], expectedError: UnwritableTrail);

        using var response = await PostAsync(server, Service, Encoding.UTF8.GetBytes(_example.RequestJson));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEmpty(JsonNode.Parse(await response.Content.ReadAsStringAsync())!["cards"]!.AsArray());
    }

    [Fact]
    public async Task RecordAsync_TrailOff_AnsweredAndNothingWritten()
    {
        await using var server = await HookServer.StartAsync([.. Trail(), "--KetCds:Audit:Enabled", "false"]);

        using var response = await PostAsync(server, Service, Encoding.UTF8.GetBytes(_example.RequestJson));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(File.Exists(_auditFile));
    }

    [Fact]
    public async Task AuditBackstop_HookCallWithoutToken_RefusalRecordedUnauthenticated()
    {
        await using (var server = await HookServer.StartAsync([.. _ehr.ServerArgs(), .. Trail()]))
        {
            using var response = await PostAsync(server, Service, Encoding.UTF8.GetBytes(_example.RequestJson));
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }

        // Written once the refusal has been sent; the server's stop flushed it.
        var record = Assert.Single(await ReadAsync());
        Assert.Equal((Service, "Unauthenticated", string.Empty, string.Empty), (record.Method, record.Status, record.RequestId, record.Subject));
        Assert.Equal(SHA256.HashData([]), record.RequestSha256.ToArray());
    }

    [Fact]
    public async Task AuditBackstop_PathInAnotherCaseOrWithTrailingSlash_RefusalRecordedUnderTheServiceMethod()
    {
        await using (var server = await HookServer.StartAsync([.. _ehr.ServerArgs(), .. Trail()]))
        {
            using var upper = await PostAsync(server, "/CDS-Services/ketcds-patient-view", Encoding.UTF8.GetBytes(_example.RequestJson));
            using var slash = await PostAsync(server, Service + "/", Encoding.UTF8.GetBytes(_example.RequestJson));
            using var feedback = await PostAsync(server, "/cds-services/ketcds-patient-view/Feedback/", """{"feedback":[]}"""u8.ToArray());
            Assert.Equal(
                [HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized],
                new[] { upper.StatusCode, slash.StatusCode, feedback.StatusCode });
        }

        Assert.Equal(
            [(Service, "Unauthenticated"), (Service, "Unauthenticated"), (Service + "/feedback", "Unauthenticated")],
            (await ReadAsync()).Select(static r => (r.Method, r.Status)));
    }

    [Fact]
    public async Task AuditBackstop_FeedbackWithoutTokenOrInvalid_RefusalsRecorded()
    {
        await using (var server = await HookServer.StartAsync([.. _ehr.ServerArgs(), .. Trail()]))
        {
            var audience = server.Address.AbsoluteUri.TrimEnd('/') + Service + "/feedback";
            using var anonymous = await PostAsync(server, Service + "/feedback", """{"feedback":[]}"""u8.ToArray());
            using var invalid = await PostAsync(server, Service + "/feedback", """{"feedback":[{"card":"c"}]}"""u8.ToArray(), _ehr.Token(audience));
            using var empty = await PostAsync(server, Service + "/feedback", """{"feedback":[]}"""u8.ToArray(), _ehr.Token(audience));
            Assert.Equal(
                [HttpStatusCode.Unauthorized, HttpStatusCode.BadRequest, HttpStatusCode.OK],
                new[] { anonymous.StatusCode, invalid.StatusCode, empty.StatusCode });
        }

        // Feedback that ends OK is recorded per item, so an empty array leaves no record.
        Assert.Equal(
            [(Service + "/feedback", "Unauthenticated", string.Empty), (Service + "/feedback", "InvalidArgument", $"token {EhrIssuer.Issuer} {EhrIssuer.Subject}")],
            (await ReadAsync()).Select(static r => (r.Method, r.Status, r.Subject)));
    }

    [Fact]
    public async Task AuditBackstop_ClientGoneMidBody_RecordedOnceAsKestrelEndedIt()
    {
        await using (var server = await HookServer.StartAsync(Trail()))
        {
            using (var client = new System.Net.Sockets.TcpClient())
            {
                await client.ConnectAsync(server.Address.Host, server.Address.Port);
                var stream = client.GetStream();
                var head = $"POST {Service} HTTP/1.1\r\nHost: {server.Address.Authority}\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n";
                await stream.WriteAsync(Encoding.ASCII.GetBytes(head + """{"hook":"""));
                await stream.FlushAsync();
                // Reset only once the server has taken the request: a reset before that leaves no call to record.
                Assert.True(await server.RequestStartedAsync(Service));
                // A reset, not a graceful close: the client is gone mid-body.
                client.Client.LingerState = new System.Net.Sockets.LingerOption(true, 0);
            }

            Assert.True(await EventuallyAsync(async () => File.Exists(_auditFile) && (await ReadAsync()).Count == 1));
        }

        // Kestrel reports the reset as whichever it notices first: the connection reset (the endpoint ends the call with
        // nothing written: CANCELLED) or the body ending short of its length (a 400: INVALID_ARGUMENT). Either way one record.
        var record = Assert.Single(await ReadAsync());
        Assert.Equal((Service, string.Empty), (record.Method, record.RequestId));
        Assert.Contains(record.Status, new[] { "Cancelled", "InvalidArgument" });
    }

    [Fact]
    public async Task AuditBackstop_BodyOverTheLimit_RecordedInvalidArgument()
    {
        await using (var server = await HookServer.StartAsync([.. Trail(), "--KetCds:CdsHooks:MaxRequestBytes", "1024"]))
        {
            using var response = await PostAsync(server, Service, Encoding.UTF8.GetBytes(_example.RequestJson));
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        }

        var record = Assert.Single(await ReadAsync());
        Assert.Equal((Service, "InvalidArgument", string.Empty), (record.Method, record.Status, record.RequestId));
    }

    [Fact]
    public async Task RecordAsync_CallsAndFeedback_OneRecordEachAndTheChainVerifies()
    {
        await using (var server = await HookServer.StartAsync(Trail()))
        {
            using var first = await PostAsync(server, Service, Encoding.UTF8.GetBytes(_example.RequestJson));
            using var invalid = await PostAsync(server, Service, "{}"u8.ToArray());
            using var feedback = await PostAsync(server, Service + "/feedback", """{"feedback":[{"card":"card-1","outcome":"accepted","outcomeTimestamp":"2026-06-01T12:01:00Z"}]}"""u8.ToArray());
            using var discovery = await server.Http.GetAsync("/cds-services");
            Assert.Equal([HttpStatusCode.OK, HttpStatusCode.BadRequest, HttpStatusCode.OK, HttpStatusCode.OK], new[] { first.StatusCode, invalid.StatusCode, feedback.StatusCode, discovery.StatusCode });
        }

        var records = await ReadAsync();
        Assert.Equal(
            [(Service, "OK"), (Service, "InvalidArgument"), (Service + "/feedback", "OK")],
            records.Select(static r => (r.Method, r.Status)));
    }

    public void Dispose()
    {
        _ehr.Dispose();
        foreach (var file in Directory.EnumerateFiles(Path.GetDirectoryName(_auditFile)!, Path.GetFileName(_auditFile) + "*"))
        {
            File.Delete(file);
        }
    }

    private string[] Trail() => ["--KetCds:Audit:ConnectionString", "Data Source=" + _auditFile];

    private static Task<HttpResponseMessage> PostAsync(HookServer server, string path, byte[] body, string? bearer = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        return server.Http.SendAsync(request);
    }

    private static async Task<bool> EventuallyAsync(Func<Task<bool>> condition)
    {
        for (var i = 0; i < 100; i++)
        {
            if (await condition())
            {
                return true;
            }

            await Task.Delay(100);
        }

        return false;
    }

    /// <summary>Every record, after checking the hash chain as <c>ketcds audit verify</c> does.</summary>
    private Task<List<AuditRecord>> ReadAsync() => AuditReader.ReadAllAsync(_auditFile);

    /// <summary>The gRPC records' summary, read off the cards: eligibility status, then route codes, then risk codes.</summary>
    private static string[] SummaryOfCards(byte[] answer)
    {
        var cards = JsonNode.Parse(answer)!["cards"]!.AsArray().Select(static c => c!["extension"]!["org.ketcds"]!).ToList();
        string[] Codes(string kind) => [.. cards.Where(e => e["kind"]!.GetValue<string>() == kind).Select(static e => e["codes"]![0]!.GetValue<string>())];
        var routes = Codes("route");
        var risks = Codes("risk");
        return [cards.Single(static e => e["kind"]!.GetValue<string>() == "eligibility")["status"]!.GetValue<string>(), .. routes, .. risks];
    }
}

using System.Net;
using KetCds.Audit;
using KetCds.CdsHooks.Tests.Infrastructure;

namespace KetCds.CdsHooks.Tests;

/// <summary>Feedback from the EHR lands in the server's audit trail, one record per item, without the clinician's comment.</summary>
public sealed class CdsFeedbackAuditTests : IDisposable
{
    private readonly string _auditFile = Path.Combine(Path.GetTempPath(), "ketcds-hooks-tests", "audit-" + Guid.NewGuid().ToString("N") + ".db");

    [Fact]
    public async Task Feedback_OverriddenAndAccepted_OneAuditRecordPerItem()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_auditFile)!);
        await using (var server = await HookServer.StartAsync(["--KetCds:Audit:ConnectionString", "Data Source=" + _auditFile]))
        {
            var body = """
                {"feedback":[
                  {"card":"card-1","outcome":"overridden","overrideReason":{"reason":{"system":"http://example.org/reasons","code":"not-now"},"userComment":"spoke with the patient"},"outcomeTimestamp":"2026-06-01T12:00:00Z"},
                  {"card":"card-2","outcome":"accepted","outcomeTimestamp":"2026-06-01T12:01:00Z"}
                ]}
                """;
            using var response = await server.PostAsync("/cds-services/ketcds-patient-view/feedback", body);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var records = new List<AuditRecord>();
        var trail = AuditTrailFactory.Create(new AuditOptions("Data Source=" + _auditFile, CreateIfMissing: false), TimeProvider.System);
        await using (trail)
        {
            await foreach (var record in trail.ReadAsync())
            {
                records.Add(record);
            }

            Assert.True((await trail.VerifyAsync()).IsIntact);
        }

        var feedback = records.Where(static r => r.Method == "/cds-services/ketcds-patient-view/feedback").ToList();
        Assert.Equal(["card-1", "card-2"], feedback.Select(static r => r.RequestId));
        Assert.Equal(["feedback:overridden", "override:http://example.org/reasons|not-now"], feedback[0].Decision.ToArray());
        Assert.Equal(["feedback:accepted"], feedback[1].Decision.ToArray());
        Assert.All(feedback, static r => Assert.Equal("OK", r.Status));
    }

    public void Dispose()
    {
        foreach (var file in Directory.EnumerateFiles(Path.GetDirectoryName(_auditFile)!, Path.GetFileName(_auditFile) + "*"))
        {
            File.Delete(file);
        }
    }
}

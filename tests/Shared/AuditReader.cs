using KetCds.Audit;

namespace KetCds.Tests.Shared;

/// <summary>Reads a server's audit trail from its SQLite file, as <c>ketcds audit</c> would, while the server runs.</summary>
internal static class AuditReader
{
    public static async Task<List<AuditRecord>> ReadAllAsync(string file)
    {
        var trail = AuditTrailFactory.Create(new AuditOptions("Data Source=" + file, CreateIfMissing: false), TimeProvider.System);
        await using (trail)
        {
            var records = new List<AuditRecord>();
            await foreach (var record in trail.ReadAsync())
            {
                records.Add(record);
            }

            Assert.True((await trail.VerifyAsync()).IsIntact, "the audit chain does not verify");
            return records;
        }
    }

    public static async Task<AuditRecord> LastAsync(string file)
    {
        var records = await ReadAllAsync(file);
        Assert.NotEmpty(records);
        return records[^1];
    }
}

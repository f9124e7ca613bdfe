using System.Globalization;
using KetCds.Audit;

// Usage: KetCds.Audit.Appender CONNECTION_STRING TAG
// Prints "ack SEQUENCE REQUEST_ID" only after AppendAsync returned, i.e. after the record is durable; runs until killed.
if (args.Length != 2)
{
    await Console.Error.WriteLineAsync("usage: KetCds.Audit.Appender CONNECTION_STRING TAG");
    return 2;
}

var trail = AuditTrailFactory.Create(new AuditOptions(args[0], MaxBatch: 16), TimeProvider.System);
await using (trail.ConfigureAwait(false))
{
    var output = Console.Out;
    // Several appends in flight at once, so a kill lands while groups are being committed, not only between them.
    const int Writers = 4;
    var next = 0L;
    var gate = new Lock();
    await Task.WhenAll(Enumerable.Range(0, Writers).Select(_ => Task.Run(async () =>
    {
        while (true)
        {
            var id = $"{args[1]}-{Interlocked.Increment(ref next).ToString(CultureInfo.InvariantCulture)}";
            var record = await trail.AppendAsync(new AuditEntry(
                "appender", "127.0.0.1", "/durability/Append", id, "durability@1+0", "OK", ["code.a", "code.b"], new byte[] { 1, 2, 3 }, ReadOnlyMemory<byte>.Empty)).ConfigureAwait(false);
            lock (gate)
            {
                output.WriteLine($"ack {record.Sequence.ToString(CultureInfo.InvariantCulture)} {id}");
                output.Flush();
            }
        }
    }))).ConfigureAwait(false);
}

return 0;

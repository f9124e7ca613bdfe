using Grpc.Core;
using KetCds.Contracts.V1;
using KetCds.Server.Tests.Infrastructure;

namespace KetCds.Server.Tests.Security;

/// <summary>The trail's settings as the server uses them: payload storage, fail closed, fail open.</summary>
public sealed class AuditWiringTests
{
    // A SQLite file under a regular file cannot be created: every append fails.
    private static readonly string Unwritable = "Data Source=" + Path.Combine("/etc/hostname", "audit.db");

    [Fact]
    public async Task Evaluate_StorePayloadsOn_KeepsTheRequestAndResponseBytes()
    {
        using var rules = TempRules.CopyOfShipped();
        await using var server = await RunningServer.StartAsync(rules.Directory, ["--KetCds:Audit:StorePayloads", "true"]);
        var request = new EvaluateRequest { RequestId = "payload", Patient = Patients.EligibleCrps() };

        var response = await server.Client.EvaluateAsync(request);

        var record = await AuditReader.LastAsync(server.AuditFile);
        Assert.Equal(Google.Protobuf.MessageExtensions.ToByteArray(request), record.RequestPayload!.Value.ToArray());
        Assert.Equal(Google.Protobuf.MessageExtensions.ToByteArray(response), record.ResponsePayload!.Value.ToArray());
    }

    [Fact]
    public async Task Evaluate_TrailCannotBeWritten_IsUnavailableByDefault()
    {
        using var rules = TempRules.CopyOfShipped();
        await using var server = await RunningServer.StartAsync(
            rules.Directory, ["--KetCds:Audit:ConnectionString", Unwritable], expectedError: static e => e.Level == Microsoft.Extensions.Logging.LogLevel.Error);

        var ex = await Assert.ThrowsAsync<RpcException>(() => server.Client.EvaluateAsync(new EvaluateRequest { Patient = Patients.EligibleCrps() }));

        Assert.Equal(StatusCode.Unavailable, ex.StatusCode);
        Assert.Contains("audit trail", ex.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Evaluate_TrailCannotBeWrittenAndFailOpen_IsAnswered()
    {
        using var rules = TempRules.CopyOfShipped();
        await using var server = await RunningServer.StartAsync(
            rules.Directory,
            ["--KetCds:Audit:ConnectionString", Unwritable, "--KetCds:Audit:FailClosed", "false"],
            expectedError: static e => e.Level == Microsoft.Extensions.Logging.LogLevel.Error);

        var response = await server.Client.EvaluateAsync(new EvaluateRequest { Patient = Patients.EligibleCrps() });

        Assert.Equal(EligibilityStatus.Eligible, response.Result.Eligibility.Status);
        Assert.Contains(server.Logs.Entries, e => e.EventId.Id == 2200);
    }

    [Fact]
    public async Task Evaluate_TrailOff_IsAnsweredAndRecordsNothing()
    {
        using var rules = TempRules.CopyOfShipped();
        await using var server = await RunningServer.StartAsync(
            rules.Directory, ["--KetCds:Audit:Enabled", "false"]);

        await server.Client.EvaluateAsync(new EvaluateRequest { Patient = Patients.EligibleCrps() });

        Assert.False(File.Exists(server.AuditFile));
        Assert.Contains(server.Logs.Entries, e => e.EventId.Id == 2201);
    }
}

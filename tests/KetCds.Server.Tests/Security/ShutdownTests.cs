using KetCds.Contracts.V1;
using KetCds.Server.Tests.Infrastructure;

namespace KetCds.Server.Tests.Security;

/// <summary>Stopping the server (what SIGTERM does) lets a call in flight finish, and its records reach the trail.</summary>
public sealed class ShutdownTests
{
    [Fact]
    public async Task Stop_WithABatchInFlight_FinishesItAndKeepsEveryRecord()
    {
        using var rules = TempRules.CopyOfShipped();
        await using var server = await RunningServer.StartAsync(rules.Directory, ["--KetCds:ShutdownGraceSeconds", "30"]);
        var firstAnswer = new TaskCompletionSource();
        var stopping = new TaskCompletionSource();
        var answers = new List<string>();

        var batch = Task.Run(async () =>
        {
            await foreach (var answer in server.Client.EvaluateBatchAsync(ItemsAcrossStop(stopping)))
            {
                answers.Add(answer.CaseId);
                firstAnswer.TrySetResult();
            }
        });
        await firstAnswer.Task;
        var stop = server.StopAsync();
        stopping.SetResult();
        await batch;
        await stop;

        Assert.Equal(["before-stop", "after-stop-1", "after-stop-2"], answers);
        var records = await AuditReader.ReadAllAsync(server.AuditFile);
        Assert.Equal(["before-stop", "after-stop-1", "after-stop-2"], records.Select(r => r.RequestId));
        Assert.All(records, r => Assert.Equal("OK", r.Status));
    }

    private static async IAsyncEnumerable<EvaluateBatchRequest> ItemsAcrossStop(TaskCompletionSource stopping)
    {
        yield return new EvaluateBatchRequest { CaseId = "before-stop", Patient = Patients.EligibleCrps() };
        await stopping.Task;
        yield return new EvaluateBatchRequest { CaseId = "after-stop-1", Patient = Patients.EligibleCrps() };
        yield return new EvaluateBatchRequest { CaseId = "after-stop-2", Patient = Patients.EligibleCrps() };
    }
}

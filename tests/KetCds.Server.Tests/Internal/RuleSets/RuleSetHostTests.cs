using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Grpc.HealthCheck;
using KetCds.Client;
using KetCds.Contracts.V1;
using KetCds.Server.Internal.Health;
using KetCds.Server.Internal.RuleSets;
using KetCds.Server.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using ServingStatus = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace KetCds.Server.Tests.Internal.RuleSets;

public sealed class RuleSetHostTests
{
    [Fact]
    public async Task Reload_MeaningfulEdit_LaterCallsNameTheNewVersion()
    {
        using var rules = TempRules.CopyOfShipped();
        var original = rules.LoadIdentity();
        await using var server = await RunningServer.StartAsync(rules.Directory);

        rules.Replace(RuleSetEdits.File, RuleSetEdits.FindingText, RuleSetEdits.EditedFindingText);
        var edited = rules.LoadIdentity();

        Assert.NotEqual(original.ContentSha256, edited.ContentSha256);
        Assert.True(await Eventually.TrueAsync(async () => (await EvaluateAsync(server.Client)).RuleSet.Equals(edited)));
        var status = (await server.Client.GetRuleSetAsync()).Status;
        Assert.Equal(ReloadOutcome.Applied, status.LastReload.Outcome);
        Assert.Empty(status.LastReload.Errors);
        Assert.Equal(ServingStatus.Serving, await server.Client.CheckHealthAsync(RuleSetHost.ServiceName));
    }

    [Fact]
    public async Task Reload_BrokenEdit_KeepsServingThePreviousVersionAndReportsTheErrorsWithPositions()
    {
        using var rules = TempRules.CopyOfShipped();
        var original = rules.LoadIdentity();
        await using var server = await RunningServer.StartAsync(rules.Directory);

        rules.Replace(RuleSetEdits.File, RuleSetEdits.Derive, RuleSetEdits.BrokenDerive);

        Assert.True(await Eventually.TrueAsync(async () =>
            (await server.Client.GetRuleSetAsync()).Status.LastReload?.Outcome == ReloadOutcome.Rejected));
        var response = await server.Client.GetRuleSetAsync();
        Assert.Equal(original, response.Identity);
        var error = Assert.Single(response.Status.LastReload.Errors, e => e.Message.Contains("eligibilty", StringComparison.Ordinal));
        Assert.Equal(RuleSetEdits.File, error.File);
        var expectedLine = rules.Read(RuleSetEdits.File).Split('\n').ToList().FindIndex(l => l.Contains(RuleSetEdits.BrokenDerive, StringComparison.Ordinal)) + 1;
        Assert.Equal(expectedLine, error.Line);
        Assert.True(error.Column > 0);
        var evaluation = await EvaluateAsync(server.Client);
        Assert.Equal(original, evaluation.RuleSet);
        Assert.Equal(EligibilityStatus.Eligible, evaluation.Result.Eligibility.Status);
        Assert.Equal(ServingStatus.Serving, await server.Client.CheckHealthAsync(""));
        Assert.Contains(server.Logs.Entries, e => e.EventId.Id == 2002 && e.Message.Contains($"{RuleSetEdits.File}:{expectedLine}:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Reload_BrokenEditThenFixed_AppliesTheFixedVersion()
    {
        using var rules = TempRules.CopyOfShipped();
        await using var server = await RunningServer.StartAsync(rules.Directory);
        rules.Replace(RuleSetEdits.File, RuleSetEdits.Derive, RuleSetEdits.BrokenDerive);
        rules.Replace(RuleSetEdits.File, RuleSetEdits.FindingText, RuleSetEdits.EditedFindingText);
        Assert.True(await Eventually.TrueAsync(async () =>
            (await server.Client.GetRuleSetAsync()).Status.LastReload?.Outcome == ReloadOutcome.Rejected));

        rules.Replace(RuleSetEdits.File, RuleSetEdits.BrokenDerive, RuleSetEdits.Derive);
        var fixedIdentity = rules.LoadIdentity();

        Assert.True(await Eventually.TrueAsync(async () => (await server.Client.GetRuleSetAsync()).Identity.Equals(fixedIdentity)));
        var status = (await server.Client.GetRuleSetAsync()).Status;
        Assert.Equal(ReloadOutcome.Applied, status.LastReload.Outcome);
        Assert.Empty(status.LastReload.Errors);
        Assert.Equal(fixedIdentity, (await EvaluateAsync(server.Client)).RuleSet);
    }

    [Fact]
    public async Task Reload_CommentOnlyEdit_RecordsUnchangedAndKeepsTheVersion()
    {
        using var rules = TempRules.CopyOfShipped();
        var original = rules.LoadIdentity();
        await using var server = await RunningServer.StartAsync(rules.Directory);
        var loadedAt = (await server.Client.GetRuleSetAsync()).Status.LoadedAt;

        File.AppendAllText(rules.PathOf(RuleSetEdits.File), "\n# a comment changes no rule\n");

        Assert.True(await Eventually.TrueAsync(async () =>
            (await server.Client.GetRuleSetAsync()).Status.LastReload?.Outcome == ReloadOutcome.Unchanged));
        var response = await server.Client.GetRuleSetAsync();
        Assert.Equal(original, response.Identity);
        Assert.Equal(loadedAt, response.Status.LoadedAt);
    }

    [Fact]
    public async Task Start_InvalidRules_IsNotServingAndUnavailableUntilTheFilesAreFixed()
    {
        using var rules = TempRules.CopyOfShipped();
        var original = rules.LoadIdentity();
        rules.Replace(RuleSetEdits.File, RuleSetEdits.Derive, RuleSetEdits.BrokenDerive);
        await using var server = await RunningServer.StartAsync(
            rules.Directory, expectedError: static e => e.EventId.Id is 2001 or 2010);

        Assert.Contains("rules not loaded", server.Output.ToString(), StringComparison.Ordinal);
        Assert.Equal(ServingStatus.NotServing, await server.Client.CheckHealthAsync(""));
        Assert.Equal(ServingStatus.NotServing, await server.Client.CheckHealthAsync(RuleSetHost.ServiceName));
        await AssertUnavailableAsync(() => EvaluateAsync(server.Client));
        await AssertUnavailableAsync(() => server.Client.GetRuleSetAsync());
        await AssertUnavailableAsync(() => server.Client.ListRulesAsync());
        await AssertUnavailableAsync(() => server.Client.GetSourceCatalogAsync());
        await using var watch = HealthWatch.Start(server.Address, "");
        Assert.Equal(ServingStatus.NotServing, await watch.NextAsync());

        rules.Replace(RuleSetEdits.File, RuleSetEdits.BrokenDerive, RuleSetEdits.Derive);

        Assert.Equal(ServingStatus.Serving, await watch.NextAsync());
        Assert.Equal(ServingStatus.Serving, await server.Client.CheckHealthAsync(RuleSetHost.ServiceName));
        Assert.Equal(original, (await EvaluateAsync(server.Client)).RuleSet);
        Assert.Equal(ReloadOutcome.Applied, (await server.Client.GetRuleSetAsync()).Status.LastReload.Outcome);
    }

    [Fact]
    public async Task Reload_BurstOfEditsUnderLoad_EveryResponseNamesOneOfTheVersionsAndNoCallFails()
    {
        using var rules = TempRules.CopyOfShipped();
        var originalText = rules.Read(RuleSetEdits.File);
        var original = rules.LoadIdentity();
        rules.Replace(RuleSetEdits.File, RuleSetEdits.FindingText, RuleSetEdits.EditedFindingText);
        var editedText = rules.Read(RuleSetEdits.File);
        var edited = rules.LoadIdentity();
        rules.Write(RuleSetEdits.File, originalText);
        await using var server = await RunningServer.StartAsync(rules.Directory, ["--KetCds:ReloadDebounceMilliseconds", "0"]);

        using var editing = new CancellationTokenSource();
        var seen = new System.Collections.Concurrent.ConcurrentBag<RuleSetIdentity>();
        async Task CallerAsync()
        {
            while (!editing.IsCancellationRequested)
            {
                seen.Add((await EvaluateAsync(server.Client)).RuleSet);
            }
        }

        var callers = Enumerable.Range(0, 4).Select(_ => Task.Run(CallerAsync)).ToList();
        for (var i = 0; i < 40; i++)
        {
            rules.Write(RuleSetEdits.File, i % 2 == 0 ? editedText : originalText);
            await Task.Delay(15);
        }

        // Taken before the write: a reload may start between the write and a timestamp taken after it, and if it
        // read the final files no later reload follows, so a later timestamp could never be reached.
        var written = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow);
        rules.Write(RuleSetEdits.File, editedText);

        // Settled: the version reported current came from a reload that started once the last write began, and a
        // reload that read a half-written file retries (the host re-reads the fingerprint after loading), so it read
        // the final files; no later reload may name another version while the files stay as they are.
        Assert.True(await Eventually.TrueAsync(async () =>
        {
            var current = await server.Client.GetRuleSetAsync();
            return current.Identity.Equals(edited) && current.Status.LastReload is { } last && last.AttemptedAt >= written;
        }));
        await editing.CancelAsync();
        await Task.WhenAll(callers);

        Assert.NotEmpty(seen);
        Assert.All(seen, identity => Assert.True(identity.Equals(original) || identity.Equals(edited), identity.ToString()));
        for (var i = 0; i < 20; i++)
        {
            Assert.Equal(edited, (await EvaluateAsync(server.Client)).RuleSet);
        }
    }

    [Theory]
    [InlineData("pain_severity_nrs", "pain_severity", "input fact 'pain_severity' is not one the clinical layer supplies")]
    [InlineData("crps", "crps_any", "fact 'conditions' does not allow 'crps', which the clinical layer supplies from patient.pain_conditions")]
    public async Task Reload_RenameBreakingTheClinicalVocabularyUnderLoad_IsRejectedAtItsLineAndNoCallFails(string from, string to, string expected)
    {
        using var rules = TempRules.CopyOfShipped();
        var original = rules.LoadIdentity();
        await using var server = await RunningServer.StartAsync(rules.Directory, ["--KetCds:ReloadDebounceMilliseconds", "0"]);
        using var stop = new CancellationTokenSource();
        var answered = new System.Collections.Concurrent.ConcurrentBag<RuleSetIdentity>();
        var failed = new System.Collections.Concurrent.ConcurrentBag<string>();
        async Task CallerAsync()
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    answered.Add((await EvaluateAsync(server.Client)).RuleSet);
                }
                catch (RpcException e)
                {
                    failed.Add(e.Status.ToString());
                }
            }
        }

        var callers = Enumerable.Range(0, 4).Select(_ => Task.Run(CallerAsync)).ToList();
        // Taken before the rename for the same reason as in the burst test above: a reload that starts after the last
        // write but before a timestamp taken then is the last one, and it would never count.
        var written = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow);
        rules.ReplaceEverywhere(from, to);

        // The rename spans several files; wait for a reload that started once they were being written and was rejected
        // for the rename (a reload that read only some of them either fails the same way or is followed by another).
        Assert.True(await Eventually.TrueAsync(async () =>
            (await server.Client.GetRuleSetAsync()).Status.LastReload is { Outcome: ReloadOutcome.Rejected } last
            && last.AttemptedAt >= written
            && last.Errors.Any(e => e.Message.Contains(expected, StringComparison.Ordinal))));
        var rejected = (await server.Client.GetRuleSetAsync()).Status.LastReload;
        var error = Assert.Single(rejected.Errors, e => e.Message.Contains(expected, StringComparison.Ordinal));
        Assert.Equal("vocabulary.yaml", error.File);
        Assert.True(error.Line > 1 && error.Column > 0, error.ToString());
        for (var i = 0; i < 20; i++)
        {
            Assert.Equal(original, (await EvaluateAsync(server.Client)).RuleSet);
        }

        await stop.CancelAsync();
        await Task.WhenAll(callers);
        Assert.Empty(failed);
        Assert.NotEmpty(answered);
        Assert.All(answered, identity => Assert.Equal(original, identity));
        Assert.Equal(ServingStatus.Serving, await server.Client.CheckHealthAsync(RuleSetHost.ServiceName));
    }

    [Fact]
    public async Task Reload_HostileFilesDroppedIntoTheFolder_AreRejectedAndThePreviousVersionKeepsServing()
    {
        using var rules = TempRules.CopyOfShipped();
        var original = rules.LoadIdentity();
        await using var server = await RunningServer.StartAsync(rules.Directory);
        File.CreateSymbolicLink(rules.PathOf("passwd.yaml"), "/etc/passwd");
        File.CreateSymbolicLink(rules.PathOf("zero.yaml"), "/dev/zero");
        File.WriteAllText(rules.PathOf("bomb.yaml"), "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
            + string.Concat(Enumerable.Range(1, 12).Select(i => $"a{i}: &a{i} [{string.Join(", ", Enumerable.Repeat(i == 1 ? "*a" : $"*a{i - 1}", 10))}]\n")));
        if (OperatingSystem.IsLinux())
        {
            using var mkfifo = System.Diagnostics.Process.Start("mkfifo", [rules.PathOf("pipe.yaml")]);
            await mkfifo.WaitForExitAsync();
        }

        Assert.True(await Eventually.TrueAsync(async () =>
            (await server.Client.GetRuleSetAsync()).Status.LastReload?.Outcome == ReloadOutcome.Rejected));
        var response = await server.Client.GetRuleSetAsync();
        Assert.Equal(original, response.Identity);
        var files = response.Status.LastReload.Errors.Select(e => e.File).ToHashSet();
        Assert.Contains("passwd.yaml", files);
        Assert.Contains("zero.yaml", files);
        Assert.Contains("bomb.yaml", files);
        Assert.DoesNotContain(response.Status.LastReload.Errors, e => e.Message.Contains("root:", StringComparison.Ordinal));
        Assert.Equal(original, (await EvaluateAsync(server.Client)).RuleSet);
        Assert.Equal(ServingStatus.Serving, await server.Client.CheckHealthAsync(RuleSetHost.ServiceName));

        // Removing them brings the folder back to the served version: the next reload finds it unchanged.
        foreach (var name in new[] { "passwd.yaml", "zero.yaml", "bomb.yaml", "pipe.yaml" })
        {
            File.Delete(rules.PathOf(name));
        }

        Assert.True(await Eventually.TrueAsync(async () =>
            (await server.Client.GetRuleSetAsync()).Status.LastReload?.Outcome == ReloadOutcome.Unchanged));
    }

    [Fact]
    public async Task Reload_FilesChangeWhileLoading_DiscardsTheStaleLoadAndKeepsWhatIsOnDisk()
    {
        using var rules = TempRules.CopyOfShipped();
        var originalText = rules.Read(RuleSetEdits.File);
        var original = rules.LoadIdentity();
        // Only the first reload is held: it has read the edited files when the test restores the original.
        var held = new HeldFirstReload();
        var settings = new RuleSetHostSettings(rules.Directory, TimeSpan.Zero, TimeSpan.FromHours(1), WatchFileSystem: false, held.AfterLoad);
        using var host = new RuleSetHost(settings, TimeProvider.System, new HealthStatusRegistry(new HealthServiceImpl()), NullLogger<RuleSetHost>.Instance);
        await host.StartAsync(CancellationToken.None);
        var loadedAt = host.State.Current?.LoadedAt;

        rules.Replace(RuleSetEdits.File, RuleSetEdits.FindingText, RuleSetEdits.EditedFindingText);
        host.RequestReload();
        await held.HeldAsync();
        rules.Write(RuleSetEdits.File, originalText);
        held.Release();

        // The held reload read the edit, which is gone from disk: it must not be applied; the retry finds the original.
        Assert.True(await Eventually.TrueAsync(() => Task.FromResult(host.State.LastReload is not null)));
        Assert.Equal(ReloadOutcome.Unchanged, host.State.LastReload?.Outcome);
        Assert.Equal(original, host.State.Current?.Identity);
        Assert.Equal(loadedAt, host.State.Current?.LoadedAt);
        Assert.True(held.Loads >= 2);
        await host.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Reload_EditAfterAStaleLoadIsDiscarded_AppliesTheLatestFiles()
    {
        using var rules = TempRules.CopyOfShipped();
        var held = new HeldFirstReload();
        var settings = new RuleSetHostSettings(rules.Directory, TimeSpan.Zero, TimeSpan.FromHours(1), WatchFileSystem: false, held.AfterLoad);
        using var host = new RuleSetHost(settings, TimeProvider.System, new HealthStatusRegistry(new HealthServiceImpl()), NullLogger<RuleSetHost>.Instance);
        await host.StartAsync(CancellationToken.None);

        // The held reload reads a broken edit; while it is held the author fixes it into a valid, different rule set.
        rules.Replace(RuleSetEdits.File, RuleSetEdits.Derive, RuleSetEdits.BrokenDerive);
        host.RequestReload();
        await held.HeldAsync();
        rules.Replace(RuleSetEdits.File, RuleSetEdits.BrokenDerive, RuleSetEdits.Derive);
        rules.Replace(RuleSetEdits.File, RuleSetEdits.FindingText, RuleSetEdits.EditedFindingText);
        var latest = rules.LoadIdentity();
        held.Release();

        Assert.True(await Eventually.TrueAsync(() => Task.FromResult(host.State.LastReload is not null)));
        Assert.Equal(ReloadOutcome.Applied, host.State.LastReload?.Outcome);
        Assert.Equal(latest, host.State.Current?.Identity);
        await host.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Poll_WithoutFileWatcher_FindsTheEditAfterTheDebounceOnTheInjectedClock()
    {
        using var rules = TempRules.CopyOfShipped();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero));
        var health = new HealthStatusRegistry(new HealthServiceImpl());
        var settings = new RuleSetHostSettings(rules.Directory, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5), WatchFileSystem: false);
        using var host = new RuleSetHost(settings, time, health, NullLogger<RuleSetHost>.Instance);
        await host.StartAsync(CancellationToken.None);
        Assert.Equal(rules.LoadIdentity(), host.State.Current?.Identity);
        Assert.Equal(Timestamp.FromDateTimeOffset(time.GetUtcNow()), host.State.Current?.LoadedAt);

        rules.Replace(RuleSetEdits.File, RuleSetEdits.FindingText, RuleSetEdits.EditedFindingText);
        var edited = rules.LoadIdentity();

        // Only the fake clock drives the poll and the debounce: nothing reloads until it is advanced.
        Assert.True(await Eventually.TrueAsync(() =>
        {
            time.Advance(TimeSpan.FromMilliseconds(500));
            return Task.FromResult(host.State.Current?.Identity.Equals(edited) == true);
        }));
        Assert.Equal(ReloadOutcome.Applied, host.State.LastReload?.Outcome);
        Assert.True(health.TryGetStatus(RuleSetHost.ServiceName, out var status));
        Assert.Equal(ServingStatus.Serving, status);
        await host.StopAsync(CancellationToken.None);
    }

    private static Task<EvaluateResponse> EvaluateAsync(DecisionSupportClient client) =>
        client.EvaluateAsync(new EvaluateRequest { RequestId = "reload", Patient = Patients.EligibleCrps() });

    private static async Task AssertUnavailableAsync(Func<Task> call)
    {
        var ex = await Assert.ThrowsAsync<RpcException>(call);
        Assert.Equal(StatusCode.Unavailable, ex.StatusCode);
        Assert.Equal("no valid rule set is loaded", ex.Status.Detail);
    }
}

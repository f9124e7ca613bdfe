using System.Threading.Channels;
using Google.Protobuf.WellKnownTypes;
using KetCds.Clinical;
using KetCds.Contracts.V1;
using KetCds.Engine.NRules;
using KetCds.Server.Internal.Configuration;
using KetCds.Server.Internal.Health;
using KetCds.Rules;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ServingStatus = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace KetCds.Server.Internal.RuleSets;

/// <summary>
/// Owns the rule set the server answers with: loads it at start, watches its directory and reloads on a background
/// task, swapping the evaluator atomically only when the new files compile. Requests never wait for a reload.
/// </summary>
internal sealed class RuleSetHost : IHostedService, IDisposable
{
    /// <summary>The health service name of the decision-support service, next to the overall "".</summary>
    public const string ServiceName = "ketcds.v1.DecisionSupportService";

    private readonly RuleSetHostSettings _settings;
    private readonly TimeProvider _time;
    private readonly HealthStatusRegistry _health;
    private readonly ILogger<RuleSetHost> _logger;
    private readonly Channel<bool> _changes = Channel.CreateBounded<bool>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });
    private readonly CancellationTokenSource _stopping = new();
    private RuleSetState _state = RuleSetState.Empty;
    private volatile string? _lastFingerprint;
    private RulesDirectoryWatcher? _watcher;
    private Task _reloadLoop = Task.CompletedTask;
    private Task _pollLoop = Task.CompletedTask;

    public RuleSetHost(RuleSetHostSettings settings, TimeProvider time, HealthStatusRegistry health, ILogger<RuleSetHost> logger)
    {
        _settings = settings;
        _time = time;
        _health = health;
        _logger = logger;
    }

    /// <summary>The current state; read it once per call and use that one value throughout.</summary>
    public RuleSetState State => Volatile.Read(ref _state);

    public Task StartAsync(CancellationToken cancellationToken)
    {
        LoadInitial();
        if (_settings.WatchFileSystem)
        {
            _watcher = new RulesDirectoryWatcher(_settings.Directory, RequestReload, _logger);
        }

        _reloadLoop = Task.Run(() => ReloadLoopAsync(_stopping.Token), CancellationToken.None);
        _pollLoop = Task.Run(() => PollLoopAsync(_stopping.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _watcher?.Dispose();
        await _stopping.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(_reloadLoop, _pollLoop).WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    public void Dispose()
    {
        _watcher?.Dispose();
        _stopping.Dispose();
    }

    /// <summary>Asks for a reload after the debounce period; cheap and safe to call from any thread, any number of times.</summary>
    public void RequestReload() => _changes.Writer.TryWrite(true);

    /// <summary>Loads the rules and compiles them for the configured engine, off the request path like every reload.</summary>
    private (ClinicalEvaluator? Evaluator, RuleSetLoadResult Load) LoadEvaluator(RuleSetFiles files)
    {
        var load = RuleSetLoader.Load(files, ClinicalVocabulary.Contract);
        if (!load.Succeeded)
        {
            return (null, load);
        }

        return _settings.Engine == EngineNames.NRules
            ? (new ClinicalEvaluator(load.RuleSet, matcher: NRulesMatcher.Compile(load.RuleSet.Compiled)), load)
            : (new ClinicalEvaluator(load.RuleSet), load);
    }

    private void LoadInitial()
    {
        var files = RuleSetFiles.Read(_settings.Directory);
        _lastFingerprint = files.Fingerprint;
        var (evaluator, load) = LoadEvaluator(files);
        LogWarnings(load.Warnings);
        if (evaluator is null)
        {
            _logger.InitialLoadFailed(_settings.Directory, load.Errors.Length);
            LogErrors(load.Errors);
            Publish(RuleSetState.Empty);
            return;
        }

        var snapshot = new RuleSetSnapshot(evaluator, _time.GetUtcNow());
        _logger.Loaded(snapshot.Label, snapshot.RuleCount, _settings.Directory);
        Publish(new RuleSetState(snapshot, null));
    }

    private async Task ReloadLoopAsync(CancellationToken stopping)
    {
        try
        {
            while (await _changes.Reader.WaitToReadAsync(stopping).ConfigureAwait(false))
            {
                // Editors save in several steps (truncate, write, rename); wait until the files have been quiet.
                _changes.Reader.TryRead(out _);
                do
                {
                    await Task.Delay(_settings.Debounce, _time, stopping).ConfigureAwait(false);
                }
                while (_changes.Reader.TryRead(out _));

                // The only caller of ReloadAsync: reloads run one at a time, each applying what it read or nothing.
                await ReloadAsync(stopping).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    private async Task PollLoopAsync(CancellationToken stopping)
    {
        using var timer = new PeriodicTimer(_settings.PollInterval, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(stopping).ConfigureAwait(false))
            {
                try
                {
                    var fingerprint = RuleSetFiles.Read(_settings.Directory).Fingerprint;
                    if (!string.Equals(fingerprint, _lastFingerprint, StringComparison.Ordinal))
                    {
                        RequestReload();
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // The poll is the backstop for lost watcher events: it must outlive whatever one look at the folder throws.
                    _logger.PollFailed(_settings.Directory, ex);
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    private async Task ReloadAsync(CancellationToken stopping)
    {
        var previous = State;
        try
        {
            var attemptedAt = Timestamp.FromDateTimeOffset(_time.GetUtcNow());
            var files = RuleSetFiles.Read(_settings.Directory);
            var (evaluator, load) = LoadEvaluator(files);
            if (_settings.AfterLoad is { } afterLoad)
            {
                await afterLoad(stopping).ConfigureAwait(false);
            }

            // Files written while this load ran (an editor mid-save, a deploy copying file by file) make what was read
            // stale: applying it could replace a newer version. Apply nothing; the retry reads the settled files.
            if (!string.Equals(RuleSetFiles.Read(_settings.Directory).Fingerprint, files.Fingerprint, StringComparison.Ordinal))
            {
                _logger.ReloadUnsettled(_settings.Directory);
                RequestReload();
                return;
            }

            _lastFingerprint = files.Fingerprint;
            LogWarnings(load.Warnings);
            if (evaluator is null)
            {
                var rejected = new ReloadAttempt { AttemptedAt = attemptedAt, Outcome = ReloadOutcome.Rejected };
                foreach (var error in load.Errors)
                {
                    rejected.Errors.Add(ToContract(error));
                }

                if (previous.Current is null)
                {
                    _logger.ReloadStillFailing(_settings.Directory, load.Errors.Length);
                }
                else
                {
                    _logger.ReloadRejected(_settings.Directory, load.Errors.Length, previous.Current.Label);
                }

                LogErrors(load.Errors);
                Publish(new RuleSetState(previous.Current, rejected));
                return;
            }

            if (previous.Current is { } current && current.IsSameVersionAs(evaluator.Identity))
            {
                _logger.ReloadUnchanged(current.Label);
                Publish(new RuleSetState(current, new ReloadAttempt { AttemptedAt = attemptedAt, Outcome = ReloadOutcome.Unchanged }));
                return;
            }

            var snapshot = new RuleSetSnapshot(evaluator, _time.GetUtcNow());
            _logger.ReloadApplied(snapshot.Label, previous.Current?.Label ?? "none");
            Publish(new RuleSetState(snapshot, new ReloadAttempt { AttemptedAt = attemptedAt, Outcome = ReloadOutcome.Applied }));
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !stopping.IsCancellationRequested)
        {
            // Whatever went wrong, the version already serving stays; losing it would take the service down.
            _logger.ReloadCrashed(previous.Current?.Label ?? "none", ex);
        }
    }

    private void Publish(RuleSetState state)
    {
        Volatile.Write(ref _state, state);
        var status = state.Current is not null ? ServingStatus.Serving : ServingStatus.NotServing;
        if (!_health.TryGetStatus(ServiceName, out var known) || known != status
            || !_health.TryGetStatus(string.Empty, out var overall) || overall != status)
        {
            // Only on a change, so health watchers see transitions rather than every reload.
            _health.SetStatus(string.Empty, status);
            _health.SetStatus(ServiceName, status);
        }
    }

    private RuleFileError ToContract(RuleSetError error)
    {
        // The contract names files relative to the rules directory; a problem with the directory itself names none,
        // so the server's own path never reaches a client.
        var file = error.RelativePath ?? string.Empty;
        var message = error.Suggestion is null ? error.Message : $"{error.Message} (did you mean '{error.Suggestion}'?)";
        return new RuleFileError { File = file, Line = error.Line, Column = error.Column, Message = message };
    }

    private void LogErrors(IEnumerable<RuleSetError> errors)
    {
        foreach (var error in errors)
        {
            _logger.RuleFileError(error.ToString());
        }
    }

    private void LogWarnings(IEnumerable<RuleSetError> warnings)
    {
        foreach (var warning in warnings)
        {
            _logger.RuleFileWarning(warning.ToString());
        }
    }
}

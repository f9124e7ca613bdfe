using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KetCds.CdsHooks.Internal.Terminology;

/// <summary>
/// Holds the terminology map the hooks answer with. Loads it at start and reloads when the folder's files change (it
/// lives beside the rules and is edited with them); a map with errors is never applied and the previous one stays.
/// </summary>
internal sealed class TerminologyMapStore(IOptions<CdsHooksOptions> options, TimeProvider time, ILogger<TerminologyMapStore> logger)
    : BackgroundService
{
    private readonly string _directory = Path.GetFullPath(options.Value.TerminologyDirectory);
    private TerminologyMap? _current;
    private string? _stamp;

    public TerminologyMap? Current => Volatile.Read(ref _current);

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        Reload();
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.TerminologyPollInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                try
                {
                    Reload();
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    logger.TerminologyPollFailed(_directory, ex);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    private void Reload()
    {
        var stamp = Stamp();
        if (string.Equals(stamp, _stamp, StringComparison.Ordinal))
        {
            return;
        }

        _stamp = stamp;
        var load = TerminologyMapLoader.Load(_directory);
        if (!load.Succeeded)
        {
            logger.TerminologyRejected(_directory, load.Errors.Length, Current is { } old ? $"{old.Name}@{old.Version}" : "none");
            foreach (var error in load.Errors)
            {
                logger.TerminologyProblem(error.ToString());
            }

            return;
        }

        if (Current is { } current && string.Equals(current.Fingerprint, load.Map.Fingerprint, StringComparison.Ordinal))
        {
            return;
        }

        Volatile.Write(ref _current, load.Map);
        logger.TerminologyLoaded($"{load.Map.Name}@{load.Map.Version}", load.Map.Codes.Length, _directory);
    }

    // Names, sizes and write times: cheap to read every second, and any save changes it.
    private string Stamp()
    {
        if (!Directory.Exists(_directory))
        {
            return "missing";
        }

        var text = new StringBuilder();
        foreach (var file in Directory.EnumerateFiles(_directory, "*.json").Order(StringComparer.Ordinal))
        {
            var info = new FileInfo(file);
            text.Append(info.Name).Append('|').Append(info.Length).Append('|').Append(info.LastWriteTimeUtc.Ticks).Append('\n');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}

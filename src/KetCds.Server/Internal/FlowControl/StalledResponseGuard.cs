using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace KetCds.Server.Internal.FlowControl;

/// <summary>
/// Bounds what clients that never open their HTTP/2 flow-control window can make the server hold. Kestrel keeps a
/// response's bytes until the client's window lets them out; neither a deadline nor Kestrel's data-rate limit releases
/// them, so thousands of such streams once held gigabytes. A response not sent within
/// <see cref="StalledResponseSettings.StallTimeout"/> of its handler returning has its stream reset, and within the shorter
/// wait once the unsent bytes, in all or on its connection, exceed their budget. A client that reads is never touched:
/// its responses leave within milliseconds.
/// </summary>
internal sealed class StalledResponseGuard : IDisposable
{
    private readonly StalledResponseSettings _settings;
    private readonly TimeProvider _time;
    private readonly ILogger<StalledResponseGuard> _logger;
    private readonly ConcurrentDictionary<UnsentResponse, byte> _unsent = new();
    private readonly ConcurrentDictionary<string, long> _unsentByConnection = new(StringComparer.Ordinal);

    // Connection id → when one of its streams was last reset for not reading.
    private readonly ConcurrentDictionary<string, long> _stalledConnections = new(StringComparer.Ordinal);
    private readonly ITimer _sweeper;

    public StalledResponseGuard(StalledResponseSettings settings, TimeProvider time, ILogger<StalledResponseGuard> logger)
    {
        _settings = settings;
        _time = time;
        _logger = logger;
        var period = settings.OverBudgetTimeout / 2;
        _sweeper = time.CreateTimer(_ => Sweep(), null, period, period);
    }

    /// <summary>Responses whose handler returned and whose bytes have not all left yet.</summary>
    public int UnsentCount => _unsent.Count;

    /// <summary>How long a connection whose stream was reset for not reading has its new calls refused.</summary>
    public static readonly TimeSpan StalledConnectionMemory = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Whether new calls on this connection are refused: the answers still unsent on it exceed its budget, or one of its
    /// streams was reset for not reading within <see cref="StalledConnectionMemory"/>. Its client is not reading, so a new
    /// call would only add an answer to the pile and take evaluation time from clients that read. Without the memory, each
    /// reset made room for another round of answers that would never be read.
    /// </summary>
    public bool RefusesCallsOn(string connectionId) =>
        (_unsentByConnection.TryGetValue(connectionId, out var bytes) && bytes > _settings.ConnectionBudgetBytes)
        || (_stalledConnections.TryGetValue(connectionId, out var reset) && _time.GetElapsedTime(reset) < StalledConnectionMemory);

    /// <summary>Starts watching a call whose handler returned with <paramref name="bytes"/> not yet sent; returns the entry to complete.</summary>
    public UnsentResponse Watch(HttpContext context, long bytes)
    {
        var entry = new UnsentResponse(context, bytes, _time.GetTimestamp());
        _unsentByConnection.AddOrUpdate(entry.ConnectionId, bytes, (_, unsent) => unsent + bytes);
        _unsent.TryAdd(entry, 0);
        return entry;
    }

    /// <summary>Stops watching: the response's bytes have left, or its stream was reset.</summary>
    public void Completed(UnsentResponse entry)
    {
        entry.Complete();
        Forget(entry);
    }

    public void Dispose() => _sweeper.Dispose();

    private void Sweep()
    {
        foreach (var (connection, reset) in _stalledConnections)
        {
            if (_time.GetElapsedTime(reset) >= StalledConnectionMemory)
            {
                _stalledConnections.TryRemove(new KeyValuePair<string, long>(connection, reset));
            }
        }

        if (_unsent.IsEmpty)
        {
            return;
        }

        var entries = _unsent.Keys;
        var total = entries.Sum(static e => e.Bytes);
        var byConnection = entries.GroupBy(static e => e.ConnectionId, StringComparer.Ordinal)
            .ToDictionary(static g => g.Key, static g => g.Sum(static e => e.Bytes), StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            var overBudget = total > _settings.BudgetBytes || byConnection[entry.ConnectionId] > _settings.ConnectionBudgetBytes;
            var waited = _time.GetElapsedTime(entry.Since);
            if (waited >= (overBudget ? _settings.OverBudgetTimeout : _settings.StallTimeout)
                && entry.Reset(context => _logger.StalledStreamReset(context.Request.Path, entry.ConnectionId, entry.Bytes, waited.TotalSeconds, total)))
            {
                _stalledConnections[entry.ConnectionId] = _time.GetTimestamp();
                Forget(entry);
            }
        }
    }

    private void Forget(UnsentResponse entry)
    {
        if (!_unsent.TryRemove(entry, out _))
        {
            return;
        }

        var left = _unsentByConnection.AddOrUpdate(entry.ConnectionId, 0, (_, unsent) => unsent - entry.Bytes);
        if (left <= 0)
        {
            // Only if nothing was added meanwhile: the pair must still be (connection, 0).
            _unsentByConnection.TryRemove(new KeyValuePair<string, long>(entry.ConnectionId, left));
        }
    }
}

using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace KetCds.Server.Internal.FlowControl;

/// <summary>
/// Bounds what clients that never open their HTTP/2 flow-control window can make the server hold. Kestrel keeps a
/// response's bytes until the client's window lets them out; neither a deadline nor Kestrel's data-rate limit releases
/// them, so thousands of such streams once held gigabytes. A response not sent within
/// <see cref="StalledResponseSettings.StallTimeout"/> of its handler returning has its connection closed, and within the
/// shorter wait once the unsent bytes on its connection exceed their budget, or the unsent bytes in all exceed theirs and
/// its connection is among those holding the most. A client that reads is never touched: its responses leave within
/// milliseconds.
/// </summary>
internal sealed class StalledResponseGuard : IDisposable
{
    private readonly StalledResponseSettings _settings;
    private readonly TimeProvider _time;
    private readonly ILogger<StalledResponseGuard> _logger;
    private readonly ConcurrentDictionary<UnsentResponse, byte> _unsent = new();
    private readonly ConcurrentDictionary<string, long> _unsentByConnection = new(StringComparer.Ordinal);
    private readonly OpenConnections _connections;
    private readonly ITimer _sweeper;

    public StalledResponseGuard(StalledResponseSettings settings, OpenConnections connections, TimeProvider time, ILogger<StalledResponseGuard> logger)
    {
        _settings = settings;
        _connections = connections;
        _time = time;
        _logger = logger;
        var period = settings.OverBudgetTimeout / 2;
        _sweeper = time.CreateTimer(_ => Sweep(), null, period, period);
    }

    /// <summary>Why a connection was closed: it left an answer unread past the allowed wait.</summary>
    public const string StalledConnectionReason = "the client left an answer unread past the allowed wait (flow-control window kept closed)";

    /// <summary>Responses whose handler returned and whose bytes have not all left yet.</summary>
    public int UnsentCount => _unsent.Count;

    /// <summary>
    /// Whether new calls on this connection are refused: the answers still unsent on it exceed its budget. Its client is
    /// not reading, so a new call would only add an answer to the pile and take evaluation time from clients that read.
    /// </summary>
    public bool RefusesCallsOn(string connectionId) =>
        _unsentByConnection.TryGetValue(connectionId, out var bytes) && bytes > _settings.ConnectionBudgetBytes;

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
        if (_unsent.IsEmpty)
        {
            return;
        }

        var entries = _unsent.Keys;
        var byConnection = entries.GroupBy(static e => e.ConnectionId, StringComparer.Ordinal)
            .ToDictionary(static g => g.Key, static g => g.Sum(static e => e.Bytes), StringComparer.Ordinal);
        var total = byConnection.Values.Sum();
        var overBudget = OverServerBudget(byConnection, total);
        foreach (var entry in entries)
        {
            var shortWait = overBudget.Contains(entry.ConnectionId) || byConnection[entry.ConnectionId] > _settings.ConnectionBudgetBytes;
            var waited = _time.GetElapsedTime(entry.Since);
            if (waited < (shortWait ? _settings.OverBudgetTimeout : _settings.StallTimeout))
            {
                continue;
            }

            // The whole connection: a client that leaves an answer unread this long is not reading any of them, and
            // resetting only this stream would let its next call, already waiting, be evaluated for nobody. Only a
            // connection this server does not list (another listener's) has just the stream reset.
            var close = _connections.Close(entry.ConnectionId, StalledConnectionReason);
            if (close != ConnectionClose.NotListed)
            {
                if (close == ConnectionClose.Closed)
                {
                    _logger.StalledConnectionClosed(entry.ConnectionId, entry.Bytes, waited.TotalSeconds, total);
                }

                entry.Complete();
                Forget(entry);
            }
            else if (entry.Reset(context => _logger.StalledStreamReset(context.Request.Path, entry.ConnectionId, entry.Bytes, waited.TotalSeconds, total)))
            {
                Forget(entry);
            }
        }
    }

    /// <summary>
    /// Over the server's budget, the connections holding the most unsent bytes get the shorter wait, until what the rest
    /// hold fits: a client with one small answer held up by a busy server is never the one cut off.
    /// </summary>
    private HashSet<string> OverServerBudget(Dictionary<string, long> byConnection, long total)
    {
        var chosen = new HashSet<string>(StringComparer.Ordinal);
        var excess = total - _settings.BudgetBytes;
        foreach (var (connection, bytes) in byConnection.OrderByDescending(static c => c.Value).ThenBy(static c => c.Key, StringComparer.Ordinal))
        {
            if (excess <= 0)
            {
                break;
            }

            chosen.Add(connection);
            excess -= bytes;
        }

        return chosen;
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

using System.Collections.Concurrent;

namespace KetCds.CdsHooks.Internal.Auth;

/// <summary>
/// Remembers each EHR JWT id until its token expires, so a captured token cannot be replayed. Bounded by the tokens'
/// own lifetimes (at most five minutes each); expired entries are dropped as new ones arrive.
/// </summary>
internal sealed class JtiReplayCache(TimeProvider time)
{
    private const int PurgeEvery = 1024;
    private readonly ConcurrentDictionary<string, DateTimeOffset> _seen = new(StringComparer.Ordinal);
    private int _adds;

    /// <summary>True the first time <paramref name="issuer"/> + <paramref name="jti"/> is seen before <paramref name="expires"/>.</summary>
    public bool TryUse(string issuer, string jti, DateTimeOffset expires)
    {
        var now = time.GetUtcNow();
        if (Interlocked.Increment(ref _adds) % PurgeEvery == 0)
        {
            foreach (var (seen, until) in _seen)
            {
                if (until < now)
                {
                    _seen.TryRemove(seen, out _);
                }
            }
        }

        var key = issuer + "\n" + jti;
        if (_seen.TryAdd(key, expires))
        {
            return true;
        }

        // A remembered id whose token has expired may be reused: the expired token itself is refused anyway.
        return _seen.TryGetValue(key, out var known) && known < now && _seen.TryUpdate(key, expires, known);
    }
}

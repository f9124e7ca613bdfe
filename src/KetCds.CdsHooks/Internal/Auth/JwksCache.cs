using System.Collections.Concurrent;
using Microsoft.IdentityModel.Tokens;

namespace KetCds.CdsHooks.Internal.Auth;

/// <summary>
/// The signing keys of each configured EHR: an inline JWKS parsed once, or a JWKS URL fetched and kept for ten minutes
/// (sooner when a token names a key id the cached set lacks, at most every 30 seconds, so a rotated key is picked up
/// without letting callers make us fetch on every request).
/// </summary>
internal sealed class JwksCache(IHttpClientFactory http, TimeProvider time)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan MinimumRefresh = TimeSpan.FromSeconds(30);
    private readonly ConcurrentDictionary<string, (IList<SecurityKey> Keys, DateTimeOffset FetchedAt)> _keys = new(StringComparer.Ordinal);

    public async Task<IList<SecurityKey>> GetAsync(CdsHooksEhr ehr, string? keyId, CancellationToken cancellationToken)
    {
        if (ehr.Jwks is { } inline)
        {
            return _keys.GetOrAdd("inline:" + ehr.Issuer, _ => (new JsonWebKeySet(inline).GetSigningKeys(), time.GetUtcNow())).Keys;
        }

        if (ehr.JwksUrl is not { } url)
        {
            return [];
        }

        var now = time.GetUtcNow();
        if (_keys.TryGetValue(url.AbsoluteUri, out var cached)
            && now - cached.FetchedAt < Lifetime
            && (keyId is null || cached.Keys.Any(k => k.KeyId == keyId) || now - cached.FetchedAt < MinimumRefresh))
        {
            return cached.Keys;
        }

        using var client = http.CreateClient(CdsHooksServiceCollectionExtensions.FhirClientName);
        client.Timeout = TimeSpan.FromSeconds(5);
        var json = await client.GetStringAsync(url, cancellationToken).ConfigureAwait(false);
        var keys = new JsonWebKeySet(json).GetSigningKeys();
        _keys[url.AbsoluteUri] = (keys, now);
        return keys;
    }
}

using System.Net.Http.Headers;

namespace KetCds.Client.Internal.Http;

/// <summary>Extracts custom metadata from response headers or trailers, decoding <c>-bin</c> values.</summary>
internal static class ResponseMetadataReader
{
    // HTTP headers a server or proxy adds that are not the application's metadata.
    private static readonly string[] HttpHeaders = ["date", "server", "alt-svc", "vary", "via"];

    public static IReadOnlyList<MetadataEntry> Read(HttpHeaders? headers)
    {
        if (headers is null)
        {
            return [];
        }

        var entries = new List<MetadataEntry>();
        foreach (var (name, values) in headers.NonValidated)
        {
            var key = name.ToLowerInvariant();
            if (MetadataRules.IsReserved(key) || Array.IndexOf(HttpHeaders, key) >= 0)
            {
                continue;
            }

            var binary = MetadataRules.IsBinaryKey(key);
            foreach (var value in values)
            {
                if (!binary)
                {
                    entries.Add(MetadataEntry.Received(key, value));
                    continue;
                }

                // Several binary values may arrive joined by commas, each encoded on its own.
                foreach (var part in value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    var bytes = Base64Metadata.TryDecode(part);
                    if (bytes is not null)
                    {
                        entries.Add(MetadataEntry.ReceivedBinary(key, bytes));
                    }
                }
            }
        }

        return entries;
    }

    public static string? First(HttpHeaders? headers, string name)
    {
        if (headers is not null && headers.NonValidated.TryGetValues(name, out var values))
        {
            foreach (var value in values)
            {
                return value;
            }
        }

        return null;
    }
}

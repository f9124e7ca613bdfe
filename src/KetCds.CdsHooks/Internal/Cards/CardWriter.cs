using System.Buffers;
using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using KetCds.Contracts.V1;

namespace KetCds.CdsHooks.Internal.Cards;

/// <summary>Writes cards as a CDS Hooks 2.0 response; the same cards and hook instance always give the same bytes.</summary>
internal static class CardWriter
{
    public const string TopicSystem = "urn:ketcds:card-topic";
    public const string ExtensionName = "org.ketcds";

    // Served as application/json and never inlined into HTML, so clinicians' text keeps its apostrophes and dashes.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static byte[] Write(ImmutableArray<Card> cards, string hookInstance, CatalogIndex? catalog, TerminologyMap map)
    {
        using var buffer = new PooledBufferWriter(16 * 1024 + cards.Length * 2048);
        using (var json = new Utf8JsonWriter(buffer, WriterOptions))
        {
            json.WriteStartObject();
            json.WriteStartArray("cards");
            foreach (var card in cards)
            {
                WriteCard(json, card, hookInstance, catalog, map);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteCard(Utf8JsonWriter json, Card card, string hookInstance, CatalogIndex? catalog, TerminologyMap map)
    {
        json.WriteStartObject();
        json.WriteString("uuid", Uuid(hookInstance, card));
        json.WriteString("summary", card.Summary);
        json.WriteString("indicator", card.Indicator);
        json.WriteString("detail", card.Detail);
        json.WriteStartObject("source");
        var titles = card.SourceIds.Select(id => catalog is not null && catalog.Documents.TryGetValue(id, out var d) ? d.Title : id).ToList();
        var label = catalog is null ? "KetCds" : $"KetCds {catalog.Identity.Name} {catalog.Identity.Version}";
        json.WriteString("label", titles.Count == 0 ? label : $"{label}: {string.Join("; ", titles)}");
        json.WriteStartObject("topic");
        json.WriteString("system", TopicSystem);
        json.WriteString("code", card.Kind);
        json.WriteString("display", TopicDisplay(card.Kind));
        json.WriteEndObject();
        json.WriteEndObject();

        json.WriteStartObject("extension");
        json.WriteStartObject(ExtensionName);
        json.WriteString("kind", card.Kind);
        if (card.Status is not null)
        {
            json.WriteString("status", card.Status);
        }

        json.WriteStartArray("codes");
        foreach (var code in card.Codes)
        {
            json.WriteStringValue(code);
        }

        json.WriteEndArray();
        if (catalog is not null)
        {
            json.WriteStartObject("ruleSet");
            json.WriteString("name", catalog.Identity.Name);
            json.WriteString("version", catalog.Identity.Version);
            json.WriteString("contentSha256", catalog.Identity.ContentSha256);
            json.WriteEndObject();
        }

        json.WriteStartObject("terminologyMap");
        json.WriteString("name", map.Name);
        json.WriteString("version", map.Version);
        json.WriteEndObject();
        json.WriteStartArray("sources");
        foreach (var id in card.SourceIds)
        {
            json.WriteStartObject();
            json.WriteString("id", id);
            if (catalog is not null && catalog.Documents.TryGetValue(id, out var document))
            {
                json.WriteString("title", document.Title);
                json.WriteString("kind", Words.Kind(document.Kind));
                json.WriteString("quality", document.QualityNote);
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static string TopicDisplay(string kind) => kind switch
    {
        "eligibility" => "Eligibility for ketamine therapy",
        "order" => "Ketamine order check",
        "route" => "Route and protocol",
        "maintenance" => "Maintenance",
        "risk" => "Risk modifier",
        "alert" => "Alert",
        "findings" => "Notes from the sources",
        "missing-data" => "Data to record",
        "record" => "Record not used",
        _ => kind,
    };

    // A name-based UUID (version 8 layout) from the hook instance and the card's identity, so a replayed call gets
    // the same card ids and feedback can be matched to the card it is about.
    private static string Uuid(string hookInstance, Card card)
    {
        var name = $"{hookInstance}\n{card.Kind}\n{string.Join('\n', card.Codes)}";
        var rented = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(name.Length));
        Span<byte> bytes = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(rented.AsSpan(0, Encoding.UTF8.GetBytes(name, rented)), bytes);
        ArrayPool<byte>.Shared.Return(rented);
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes[..16], bigEndian: true).ToString();
    }

    /// <summary>The rule-set label used in headers and logs.</summary>
    public static string Label(RuleSetIdentity identity) =>
        $"{identity.Name}@{identity.Version}+{(identity.ContentSha256.Length > 12 ? identity.ContentSha256[..12] : identity.ContentSha256)}";
}

using System.Buffers;
using System.Collections.Immutable;
using System.Text.Json;

namespace KetCds.CdsHooks.Internal.Hooks;

/// <summary>Writes the discovery document (GET /cds-services).</summary>
internal static class DiscoveryWriter
{
    public static byte[] Write(ImmutableArray<HookService> services)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteStartArray("services");
            foreach (var service in services)
            {
                json.WriteStartObject();
                json.WriteString("hook", service.Hook);
                json.WriteString("title", service.Title);
                json.WriteString("description", service.Description);
                json.WriteString("id", service.Id);
                json.WriteStartObject("prefetch");
                foreach (var (key, template) in service.Prefetch)
                {
                    json.WriteString(key, template);
                }

                json.WriteEndObject();
                json.WriteString("usageRequirements", "Send the prefetch, or fhirServer with fhirAuthorization so missing data can be fetched; without either the answer names what is missing.");
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}

using System.Text.Json;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;

namespace KetCds.CdsHooks.Internal.Fhir;

/// <summary>Parses and validates FHIR R4 JSON with the Firely SDK in strict mode: unknown resource types, unknown
/// elements, bad primitives and cardinality are all reported, with the SDK's location in each message.</summary>
internal sealed class FhirParser
{
    private readonly FhirJsonDeserializer _deserializer = new(new DeserializerSettings().UsingMode(DeserializationMode.Strict));

    /// <summary>The resource, or the problems that kept it from parsing.</summary>
    public (Resource? Resource, IReadOnlyList<string> Problems) Parse(ReadOnlySpan<byte> json)
    {
        try
        {
            var reader = new Utf8JsonReader(json);
            if (_deserializer.TryDeserializeResource(ref reader, out var resource, out var issues))
            {
                return (resource, []);
            }

            return (null, Problems(issues));
        }
        catch (Exception ex) when (ex is JsonException or FormatException or DeserializationFailedException or InvalidOperationException or NotSupportedException)
        {
            return (null, [ex.Message]);
        }
    }

    /// <summary>
    /// The resource whose start the reader is on, read in place: the reader is left on the resource's last token. Malformed
    /// JSON throws <see cref="JsonException"/>, as it would for the rest of the body; any other failure is a problem.
    /// </summary>
    public (Resource? Resource, IReadOnlyList<string> Problems) Parse(ref Utf8JsonReader reader)
    {
        var start = reader;
        try
        {
            var parsed = _deserializer.TryDeserializeResource(ref reader, out var resource, out var issues);
            if (reader.TokenType != JsonTokenType.EndObject || reader.CurrentDepth != start.CurrentDepth)
            {
                // Not where Firely should have stopped: read past the resource from its start instead.
                reader = start;
                reader.Skip();
            }

            return parsed ? (resource, []) : (null, Problems(issues));
        }
        catch (Exception ex) when (ex is FormatException or DeserializationFailedException or InvalidOperationException or NotSupportedException)
        {
            reader = start;
            reader.Skip();
            return (null, [ex.Message]);
        }
    }

    private static List<string> Problems(IEnumerable<Hl7.Fhir.Utility.CodedException> issues)
    {
        var problems = issues.Select(i => i.Message).Distinct(StringComparer.Ordinal).Take(20).ToList();
        return problems.Count == 0 ? ["is not a valid FHIR R4 resource"] : problems;
    }
}

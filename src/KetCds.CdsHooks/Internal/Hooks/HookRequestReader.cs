using System.Collections.Immutable;
using System.Runtime.InteropServices;
using System.Text.Json;
using Hl7.Fhir.Model;
using KetCds.CdsHooks.Internal.Fhir;

namespace KetCds.CdsHooks.Internal.Hooks;

/// <summary>
/// Reads a CDS Hooks request body, checking each field the services need and parsing every FHIR resource in it. One pass
/// over the bytes: the prefetch, nearly all of a body, goes from the reader straight into Firely; only the small fields
/// around it become <see cref="JsonElement"/>s.
/// </summary>
internal static class HookRequestReader
{
    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = 64 };

    /// <summary>The request, or every problem found (never both).</summary>
    public static (HookRequest? Request, IReadOnlyList<RequestProblem> Problems) Read(ReadOnlyMemory<byte> body, HookService service, FhirParser parser) =>
        Read(body, service, parser, out _);

    /// <summary>The request, or every problem found (never both); <paramref name="hookInstance"/> is set whenever it was readable, for the audit trail.</summary>
    public static (HookRequest? Request, IReadOnlyList<RequestProblem> Problems) Read(ReadOnlyMemory<byte> body, HookService service, FhirParser parser, out string? hookInstance)
    {
        hookInstance = null;
        var fields = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        var prefetch = ImmutableDictionary.CreateBuilder<string, Resource?>(StringComparer.Ordinal);
        var prefetchProblems = new List<RequestProblem>();
        try
        {
            var reader = new Utf8JsonReader(body.Span, ReaderOptions);
            reader.Read();
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                // Read to the end first, so malformed JSON is reported as such whatever its first token.
                reader.Skip();
                reader.Read();
                return (null, [new RequestProblem("$", "must be a JSON object")]);
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = PropertyName(ref reader);
                reader.Read();
                if (name == "prefetch")
                {
                    // Like a JSON object's lookup, a repeated key means its last value.
                    prefetch.Clear();
                    prefetchProblems.Clear();
                    ReadPrefetch(ref reader, service, parser, prefetch, prefetchProblems);
                }
                else if (name is "hook" or "hookInstance" or "fhirServer" or "fhirAuthorization" or "context")
                {
                    fields[name] = JsonElement.ParseValue(ref reader);
                }
                else
                {
                    reader.Skip();
                }
            }

            // Past the root object: throws if anything but white space follows it.
            reader.Read();
        }
        catch (JsonException ex)
        {
            return (null, [new RequestProblem("$", $"is not valid JSON: {ex.Message}")]);
        }

        var problems = new List<RequestProblem>();
        var hook = RequiredString(fields, "hook", problems);
        if (hook is not null && !string.Equals(hook, service.Hook, StringComparison.Ordinal))
        {
            problems.Add(new RequestProblem("hook", $"is '{hook}', but service '{service.Id}' answers '{service.Hook}'"));
        }

        hookInstance = RequiredString(fields, "hookInstance", problems);
        Uri? fhirServer = null;
        if (OptionalString(fields, "fhirServer", problems) is { } server)
        {
            if (!Uri.TryCreate(server, UriKind.Absolute, out fhirServer) || fhirServer.Scheme is not ("https" or "http"))
            {
                problems.Add(new RequestProblem("fhirServer", "must be an absolute http(s) URL"));
                fhirServer = null;
            }
        }

        string? accessToken = null;
        if (fields.TryGetValue("fhirAuthorization", out var authorization) && authorization.ValueKind != JsonValueKind.Null)
        {
            if (authorization.ValueKind != JsonValueKind.Object)
            {
                problems.Add(new RequestProblem("fhirAuthorization", "must be an object"));
            }
            else
            {
                accessToken = RequiredString(authorization, "access_token", problems, "fhirAuthorization.");
                var type = RequiredString(authorization, "token_type", problems, "fhirAuthorization.");
                if (type is not null && !string.Equals(type, "Bearer", StringComparison.OrdinalIgnoreCase))
                {
                    problems.Add(new RequestProblem("fhirAuthorization.token_type", "must be 'Bearer'"));
                }

                if (!fields.ContainsKey("fhirServer"))
                {
                    problems.Add(new RequestProblem("fhirServer", "is required when fhirAuthorization is given"));
                }
            }
        }

        string? patientId = null;
        var selections = ImmutableArray<string>.Empty;
        Bundle? draftOrders = null;
        if (!fields.TryGetValue("context", out var context) || context.ValueKind != JsonValueKind.Object)
        {
            problems.Add(new RequestProblem("context", "is required and must be an object"));
        }
        else
        {
            patientId = RequiredString(context, "patientId", problems, "context.");
            if (service.Hook is HookNames.OrderSelect or HookNames.OrderSign)
            {
                draftOrders = ReadDraftOrders(context, parser, problems);
            }

            if (service.Hook is HookNames.OrderSelect)
            {
                selections = ReadSelections(context, problems);
            }
        }

        // The prefetch's problems come last, whichever the order of the body's fields.
        problems.AddRange(prefetchProblems);
        if (problems.Count > 0)
        {
            return (null, problems);
        }

        return (new HookRequest(hook!, hookInstance!, fhirServer, accessToken, patientId!, selections, draftOrders, prefetch.ToImmutable()), []);
    }

    private static Bundle? ReadDraftOrders(JsonElement context, FhirParser parser, List<RequestProblem> problems)
    {
        if (!context.TryGetProperty("draftOrders", out var orders) || orders.ValueKind != JsonValueKind.Object)
        {
            problems.Add(new RequestProblem("context.draftOrders", "is required and must be a FHIR Bundle"));
            return null;
        }

        var (resource, issues) = parser.Parse(JsonMarshal.GetRawUtf8Value(orders));
        foreach (var issue in issues)
        {
            problems.Add(new RequestProblem("context.draftOrders", issue));
        }

        if (resource is not null and not Bundle)
        {
            problems.Add(new RequestProblem("context.draftOrders", $"is a {resource.TypeName}, not a Bundle"));
        }

        return resource as Bundle;
    }

    private static ImmutableArray<string> ReadSelections(JsonElement context, List<RequestProblem> problems)
    {
        if (!context.TryGetProperty("selections", out var selections) || selections.ValueKind != JsonValueKind.Array)
        {
            problems.Add(new RequestProblem("context.selections", "is required for order-select and must be an array of 'Type/id' strings"));
            return [];
        }

        var list = ImmutableArray.CreateBuilder<string>();
        var i = 0;
        foreach (var selection in selections.EnumerateArray())
        {
            if (selection.ValueKind != JsonValueKind.String || Text(selection) is not { Length: > 0 } text || !text.Contains('/', StringComparison.Ordinal))
            {
                problems.Add(new RequestProblem($"context.selections[{i}]", "must be a 'Type/id' string"));
            }
            else
            {
                list.Add(text);
            }

            i++;
        }

        return list.ToImmutable();
    }

    // The reader is on the prefetch's value; it is left on that value's last token.
    private static void ReadPrefetch(ref Utf8JsonReader reader, HookService service, FhirParser parser, ImmutableDictionary<string, Resource?>.Builder prefetch, List<RequestProblem> problems)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            problems.Add(new RequestProblem("prefetch", "must be an object"));
            return;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var key = PropertyName(ref reader);
            reader.Read();
            if (!service.Prefetch.ContainsKey(key))
            {
                // The specification lets EHRs send keys a service did not ask for; they are not read (only checked to be JSON).
                reader.Skip();
                continue;
            }

            var field = $"prefetch.{key}";
            if (reader.TokenType == JsonTokenType.Null)
            {
                prefetch[key] = null;
                continue;
            }

            if (reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                problems.Add(new RequestProblem(field, "must be a FHIR resource (a JSON object) or null"));
                continue;
            }

            var (resource, issues) = parser.Parse(ref reader);
            foreach (var issue in issues)
            {
                problems.Add(new RequestProblem(field, issue));
            }

            if (resource is null)
            {
                continue;
            }

            var expected = key == PrefetchKeys.Patient ? "Patient" : "Bundle";
            if (!string.Equals(resource.TypeName, expected, StringComparison.Ordinal))
            {
                problems.Add(new RequestProblem(field, $"is a {resource.TypeName}; the template asks for a {expected}"));
                continue;
            }

            prefetch[key] = resource;
        }
    }

    private static string? RequiredString(JsonElement parent, string name, List<RequestProblem> problems, string prefix = "")
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.String || Text(value) is not { Length: > 0 } text)
        {
            problems.Add(new RequestProblem(prefix + name, "is required and must be a non-empty string"));
            return null;
        }

        return text;
    }

    private static string? RequiredString(Dictionary<string, JsonElement> fields, string name, List<RequestProblem> problems)
    {
        if (!fields.TryGetValue(name, out var value) || value.ValueKind != JsonValueKind.String || Text(value) is not { Length: > 0 } text)
        {
            problems.Add(new RequestProblem(name, "is required and must be a non-empty string"));
            return null;
        }

        return text;
    }

    private static string? OptionalString(Dictionary<string, JsonElement> fields, string name, List<RequestProblem> problems)
    {
        if (!fields.TryGetValue(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String || Text(value) is not { } text)
        {
            problems.Add(new RequestProblem(name, "must be a string"));
            return null;
        }

        return text;
    }

    /// <summary>
    /// A string's value; null when it escapes a lone surrogate (<c>\ud800</c>), which System.Text.Json refuses to unescape
    /// by throwing: a problem of the request, not a failure of the server.
    /// </summary>
    private static string? Text(JsonElement value)
    {
        try
        {
            return value.GetString();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>The property's name; empty (a name no field has, so it is skipped) when it escapes a lone surrogate.</summary>
    private static string PropertyName(ref Utf8JsonReader reader)
    {
        try
        {
            return reader.GetString()!;
        }
        catch (InvalidOperationException)
        {
            return string.Empty;
        }
    }
}

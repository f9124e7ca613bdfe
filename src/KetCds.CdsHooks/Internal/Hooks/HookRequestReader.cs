using System.Collections.Immutable;
using System.Text.Json;
using Hl7.Fhir.Model;
using KetCds.CdsHooks.Internal.Fhir;

namespace KetCds.CdsHooks.Internal.Hooks;

/// <summary>Reads a CDS Hooks request body, checking each field the services need and parsing every FHIR resource in it.</summary>
internal static class HookRequestReader
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 64 };

    /// <summary>The request, or every problem found (never both).</summary>
    public static (HookRequest? Request, IReadOnlyList<RequestProblem> Problems) Read(ReadOnlyMemory<byte> body, HookService service, FhirParser parser)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, DocumentOptions);
        }
        catch (JsonException ex)
        {
            return (null, [new RequestProblem("$", $"is not valid JSON: {ex.Message}")]);
        }

        using (document)
        {
            var problems = new List<RequestProblem>();
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (null, [new RequestProblem("$", "must be a JSON object")]);
            }

            var hook = RequiredString(root, "hook", problems);
            if (hook is not null && !string.Equals(hook, service.Hook, StringComparison.Ordinal))
            {
                problems.Add(new RequestProblem("hook", $"is '{hook}', but service '{service.Id}' answers '{service.Hook}'"));
            }

            var hookInstance = RequiredString(root, "hookInstance", problems);
            Uri? fhirServer = null;
            if (OptionalString(root, "fhirServer", problems) is { } server)
            {
                if (!Uri.TryCreate(server, UriKind.Absolute, out fhirServer) || fhirServer.Scheme is not ("https" or "http"))
                {
                    problems.Add(new RequestProblem("fhirServer", "must be an absolute http(s) URL"));
                    fhirServer = null;
                }
            }

            string? accessToken = null;
            if (root.TryGetProperty("fhirAuthorization", out var authorization) && authorization.ValueKind != JsonValueKind.Null)
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

                    if (!root.TryGetProperty("fhirServer", out _))
                    {
                        problems.Add(new RequestProblem("fhirServer", "is required when fhirAuthorization is given"));
                    }
                }
            }

            string? patientId = null;
            var selections = ImmutableArray<string>.Empty;
            Bundle? draftOrders = null;
            if (!root.TryGetProperty("context", out var context) || context.ValueKind != JsonValueKind.Object)
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

            var prefetch = ReadPrefetch(root, service, parser, problems);
            if (problems.Count > 0)
            {
                return (null, problems);
            }

            return (new HookRequest(hook!, hookInstance!, fhirServer, accessToken, patientId!, selections, draftOrders, prefetch), []);
        }
    }

    private static Bundle? ReadDraftOrders(JsonElement context, FhirParser parser, List<RequestProblem> problems)
    {
        if (!context.TryGetProperty("draftOrders", out var orders) || orders.ValueKind != JsonValueKind.Object)
        {
            problems.Add(new RequestProblem("context.draftOrders", "is required and must be a FHIR Bundle"));
            return null;
        }

        var (resource, issues) = parser.Parse(RawBytes(orders));
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
            if (selection.ValueKind != JsonValueKind.String || selection.GetString() is not { Length: > 0 } text || !text.Contains('/', StringComparison.Ordinal))
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

    private static ImmutableDictionary<string, Resource?> ReadPrefetch(JsonElement root, HookService service, FhirParser parser, List<RequestProblem> problems)
    {
        var prefetch = ImmutableDictionary.CreateBuilder<string, Resource?>(StringComparer.Ordinal);
        if (!root.TryGetProperty("prefetch", out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return prefetch.ToImmutable();
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            problems.Add(new RequestProblem("prefetch", "must be an object"));
            return prefetch.ToImmutable();
        }

        foreach (var property in element.EnumerateObject())
        {
            var field = $"prefetch.{property.Name}";
            if (!service.Prefetch.ContainsKey(property.Name))
            {
                // The specification lets EHRs send keys a service did not ask for; they are not read.
                continue;
            }

            if (property.Value.ValueKind == JsonValueKind.Null)
            {
                prefetch[property.Name] = null;
                continue;
            }

            if (property.Value.ValueKind != JsonValueKind.Object)
            {
                problems.Add(new RequestProblem(field, "must be a FHIR resource (a JSON object) or null"));
                continue;
            }

            var (resource, issues) = parser.Parse(RawBytes(property.Value));
            foreach (var issue in issues)
            {
                problems.Add(new RequestProblem(field, issue));
            }

            if (resource is null)
            {
                continue;
            }

            var expected = property.Name == PrefetchKeys.Patient ? "Patient" : "Bundle";
            if (!string.Equals(resource.TypeName, expected, StringComparison.Ordinal))
            {
                problems.Add(new RequestProblem(field, $"is a {resource.TypeName}; the template asks for a {expected}"));
                continue;
            }

            prefetch[property.Name] = resource;
        }

        return prefetch.ToImmutable();
    }

    private static byte[] RawBytes(JsonElement element) => System.Text.Encoding.UTF8.GetBytes(element.GetRawText());

    private static string? RequiredString(JsonElement parent, string name, List<RequestProblem> problems, string prefix = "")
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.String || value.GetString() is not { Length: > 0 } text)
        {
            problems.Add(new RequestProblem(prefix + name, "is required and must be a non-empty string"));
            return null;
        }

        return text;
    }

    private static string? OptionalString(JsonElement parent, string name, List<RequestProblem> problems)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            problems.Add(new RequestProblem(name, "must be a string"));
            return null;
        }

        return value.GetString();
    }
}

using System.Collections.Immutable;
using System.Net.Http.Headers;
using Hl7.Fhir.Model;
using KetCds.CdsHooks.Internal.Hooks;

namespace KetCds.CdsHooks.Internal.Fhir;

/// <summary>
/// Builds the patient's record from the prefetch, fetching what is missing from the EHR's FHIR server when the request
/// names one with a token: all fetches in parallel, one attempt each, all within one time budget so the hook's own
/// budget is kept. What still is missing is named, never guessed.
/// </summary>
internal sealed class PrefetchResolver(Func<HttpClient> http, FhirParser parser, TimeSpan budget)
{
    public async Task<(FhirRecord Record, ImmutableArray<PrefetchGap> Gaps, ImmutableArray<RequestProblem> Problems)> ResolveAsync(
        HookRequest request, HookService service, CancellationToken cancellationToken)
    {
        var supplied = request.Prefetch.Where(p => p.Value is not null).ToDictionary(p => p.Key, p => p.Value!, StringComparer.Ordinal);
        var missing = service.Prefetch.Keys.Where(k => !supplied.ContainsKey(k)).ToList();
        var gaps = ImmutableArray.CreateBuilder<PrefetchGap>();
        if (missing.Count > 0 && request.FhirServer is { } server && request.AccessToken is { } token)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(budget);
            var fetches = missing.Select(key => FetchAsync(server, token, key, service.Prefetch[key].Replace("{{context.patientId}}", request.PatientId, StringComparison.Ordinal), timeout.Token, cancellationToken)).ToList();
            foreach (var (key, resource, failure) in await System.Threading.Tasks.Task.WhenAll(fetches).ConfigureAwait(false))
            {
                if (resource is not null)
                {
                    supplied[key] = resource;
                }
                else
                {
                    gaps.Add(new PrefetchGap(key, failure!));
                }
            }
        }
        else
        {
            foreach (var key in missing)
            {
                gaps.Add(new PrefetchGap(key, request.Prefetch.ContainsKey(key) ? "the EHR sent null (it could not prefetch) and gave no FHIR server to fetch from" : "not in the prefetch, and no FHIR server with a token to fetch it from"));
            }
        }

        var problems = ImmutableArray.CreateBuilder<RequestProblem>();
        Patient? patient = null;
        var resources = new SortedDictionary<string, Resource>(StringComparer.Ordinal);
        foreach (var (key, resource) in supplied.OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            if (resource is Patient p)
            {
                if (!string.Equals(p.Id, request.PatientId, StringComparison.Ordinal))
                {
                    problems.Add(new RequestProblem($"prefetch.{key}.id", $"is '{p.Id}', not the context's patient '{request.PatientId}'"));
                }

                patient = p;
                continue;
            }

            if (resource is not Bundle bundle)
            {
                continue;
            }

            for (var i = 0; i < bundle.Entry.Count; i++)
            {
                if (bundle.Entry[i].Resource is not { } entry || entry is OperationOutcome)
                {
                    continue;
                }

                if (SubjectOf(entry) is { } subject && !string.Equals(subject, $"Patient/{request.PatientId}", StringComparison.Ordinal))
                {
                    problems.Add(new RequestProblem($"prefetch.{key}.entry[{i}].resource", $"{FhirValues.Label(entry)} is about '{subject}', not the context's patient"));
                    continue;
                }

                resources.TryAdd(FhirValues.Label(entry), entry);
            }
        }

        var record = new FhirRecord(request.PatientId, patient, [.. resources.Values], [.. supplied.Keys]);
        return (record, gaps.ToImmutable(), problems.ToImmutable());
    }

    private static string? SubjectOf(Resource resource) => resource switch
    {
        Condition c => c.Subject?.Reference,
        Observation o => o.Subject?.Reference,
        MedicationRequest m => m.Subject?.Reference,
        MedicationStatement s => s.Subject?.Reference,
        MedicationAdministration a => a.Subject?.Reference,
        Procedure p => p.Subject?.Reference,
        _ => null,
    };

    private async Task<(string Key, Resource? Resource, string? Failure)> FetchAsync(Uri server, string token, string key, string query, CancellationToken cancellationToken, CancellationToken callerToken)
    {
        var baseUrl = server.AbsoluteUri.EndsWith('/') ? server.AbsoluteUri : server.AbsoluteUri + "/";
        using var message = new HttpRequestMessage(HttpMethod.Get, new Uri(new Uri(baseUrl), EscapeQuery(query)));
        message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/fhir+json"));
        try
        {
            using var response = await http().SendAsync(message, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                return (key, null, $"the FHIR server answered {(int)response.StatusCode} to {query}");
            }

            var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            // The read may have completed on a socket thread (with the runtime's inline completions, the server's default),
            // where a bundle's parse would hold up every connection of that thread: parse on the pool.
            await System.Threading.Tasks.Task.Yield();
            var (resource, problems) = parser.Parse(bytes);
            if (resource is null)
            {
                return (key, null, $"the FHIR server's answer to {query} is not valid FHIR: {problems[0]}");
            }

            var expected = key == PrefetchKeys.Patient ? "Patient" : "Bundle";
            return resource.TypeName == expected ? (key, resource, null) : (key, null, $"the FHIR server answered {query} with a {resource.TypeName}, not a {expected}");
        }
        catch (OperationCanceledException) when (!callerToken.IsCancellationRequested)
        {
            return (key, null, $"the FHIR server did not answer {query} within {budget.TotalMilliseconds:0} ms");
        }
        catch (HttpRequestException ex)
        {
            return (key, null, $"the FHIR server could not be reached for {query}: {ex.Message}");
        }
    }

    // The template keeps 'system|code' readable for the EHR; on the wire each query value is percent-encoded.
    private static string EscapeQuery(string query)
    {
        var q = query.IndexOf('?', StringComparison.Ordinal);
        if (q < 0)
        {
            return query;
        }

        var parts = query[(q + 1)..].Split('&').Select(p =>
        {
            var eq = p.IndexOf('=', StringComparison.Ordinal);
            return eq < 0 ? p : p[..(eq + 1)] + Uri.EscapeDataString(p[(eq + 1)..]).Replace("%2C", ",", StringComparison.Ordinal);
        });
        return query[..(q + 1)] + string.Join('&', parts);
    }
}

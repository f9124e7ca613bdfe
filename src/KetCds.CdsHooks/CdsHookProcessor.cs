using System.Collections.Immutable;
using System.Diagnostics;
using System.Text.Json;
using Hl7.Fhir.Model;
using KetCds.CdsHooks.Internal.Cards;
using KetCds.CdsHooks.Internal.Fhir;
using KetCds.CdsHooks.Internal.Hooks;
using KetCds.CdsHooks.Internal.Http;
using KetCds.CdsHooks.Internal.Terminology;
using TC = KetCds.CdsHooks.Internal.Terminology.TargetCatalog;

namespace KetCds.CdsHooks;

/// <summary>
/// Answers CDS Hooks calls: reads the request and its FHIR prefetch, fetches what is missing, maps the record to patient
/// facts, asks the decision source and writes the cards. Transport-free, so the server and <c>ketcds replay</c> share it.
/// </summary>
public sealed class CdsHookProcessor
{
    private readonly ICdsDecisionSource _source;
    private readonly Func<TerminologyMap?> _map;
    private readonly TimeProvider _time;
    private readonly FhirParser _parser = new();
    private readonly PrefetchResolver _resolver;
    private CatalogIndex? _catalog;
    private Tuple<TerminologyMap, ImmutableArray<HookService>, byte[]>? _services;

    /// <summary>Creates a processor over a decision source and the current terminology map (read once per call).</summary>
    public CdsHookProcessor(ICdsDecisionSource source, Func<TerminologyMap?> map, Func<HttpClient> http, TimeProvider time, TimeSpan fhirFetchBudget)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(map);
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(time);
        _source = source;
        _map = map;
        _time = time;
        _resolver = new PrefetchResolver(http, _parser, fhirFetchBudget);
    }

    /// <summary>The service ids this processor answers.</summary>
    public static IReadOnlyList<string> ServiceIds { get; } = [ServiceCatalog.PatientViewId, ServiceCatalog.OrderSelectId, ServiceCatalog.OrderSignId];

    /// <summary>The discovery document (GET /cds-services); 503 while no terminology map is loaded.</summary>
    public CdsHookOutcome Discovery()
    {
        if (_map() is not { } map)
        {
            return NoMap();
        }

        return new CdsHookOutcome(200, Services(map).Discovery, null, MapLabel(map));
    }

    /// <summary>Answers one hook call to service <paramref name="serviceId"/> with the request body <paramref name="body"/>.</summary>
    public async Task<CdsHookOutcome> HandleAsync(string serviceId, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        if (_map() is not { } map)
        {
            return NoMap();
        }

        var mapLabel = MapLabel(map);
        var service = Services(map).Services.FirstOrDefault(s => string.Equals(s.Id, serviceId, StringComparison.Ordinal));
        if (service is null)
        {
            return new CdsHookOutcome(404, ErrorBody.Write($"no CDS service '{serviceId}'", [new RequestProblem("id", $"known services: {string.Join(", ", ServiceIds)}")]), null, mapLabel);
        }

        var started = Stopwatch.GetTimestamp();
        var (request, problems) = HookRequestReader.Read(body, service, _parser, out var hookInstance);
        var parsed = Stopwatch.GetTimestamp();
        if (request is null)
        {
            return BadRequest("the hook request is not valid", problems, mapLabel, hookInstance);
        }

        OrderCheck? orders = null;
        if (request.DraftOrders is { } draft)
        {
            var (check, orderProblems) = KetamineOrders(request, draft, map);
            if (!orderProblems.IsEmpty)
            {
                return BadRequest("the draft orders are not valid", orderProblems, mapLabel, hookInstance);
            }

            if (check.Orders.IsEmpty)
            {
                // Not a ketamine order: nothing for this service to say.
                return new CdsHookOutcome(200, CardWriter.Write([], request.HookInstance, null, map), null, mapLabel) { HookInstance = hookInstance };
            }

            orders = check;
        }

        var (record, gaps, recordProblems) = await _resolver.ResolveAsync(request, service, cancellationToken).ConfigureAwait(false);
        if (!recordProblems.IsEmpty)
        {
            return BadRequest("the prefetch is not about the context's patient", recordProblems, mapLabel, hookInstance);
        }

        var resolved = Stopwatch.GetTimestamp();
        var today = DateOnly.FromDateTime(_time.GetUtcNow().UtcDateTime);
        var mapped = PatientFactsMapper.Map(record, map, today);
        if (!mapped.Errors.IsEmpty)
        {
            return BadRequest("the FHIR record holds malformed codes or values", mapped.Errors.Select(e => new RequestProblem($"{e.Resource}.{e.Path}", e.Message)), mapLabel, hookInstance);
        }

        var mappedAt = Stopwatch.GetTimestamp();
        var decision = _source.Evaluate(mapped.Facts, cancellationToken);
        var evaluated = Stopwatch.GetTimestamp();
        if (decision is null)
        {
            return new CdsHookOutcome(503, ErrorBody.Write("no rule set is loaded yet; retry shortly", []), null, mapLabel) { HookInstance = hookInstance };
        }

        var ruleSet = CardWriter.Label(decision.RuleSet);
        if (decision.Result is null)
        {
            return BadRequest(
                "the facts read from the FHIR record are not valid for the rule set",
                decision.Violations.Select(v => new RequestProblem(v.Field, $"{v.Description} (read from the prefetch; see the terminology map)")),
                mapLabel,
                hookInstance,
                ruleSet,
                decision);
        }

        var catalog = Catalog(decision);
        var cards = CardBuilder.Build(decision.Result, catalog, orders, mapped, gaps);
        var answer = CardWriter.Write(cards, request.HookInstance, catalog, map);
        return new CdsHookOutcome(200, answer, ruleSet, mapLabel)
        {
            Phases = new CdsHookPhases(parsed - started, resolved - parsed, mappedAt - resolved, evaluated - mappedAt, Stopwatch.GetTimestamp() - evaluated),
            HookInstance = hookInstance,
            Decision = decision,
        };
    }

    private static CdsHookOutcome BadRequest(
        string message, IEnumerable<RequestProblem> problems, string mapLabel, string? hookInstance, string? ruleSet = null, CdsDecision? decision = null) =>
        new(400, ErrorBody.Write(message, problems), ruleSet, mapLabel) { HookInstance = hookInstance, Decision = decision };

    private static CdsHookOutcome NoMap() =>
        new(503, ErrorBody.Write("the terminology map is not loaded; see the server log", []), null, null);

    private static string MapLabel(TerminologyMap map) => $"{map.Name}@{map.Version}";

    private CatalogIndex Catalog(CdsDecision decision)
    {
        var known = Volatile.Read(ref _catalog);
        if (known is not null && string.Equals(known.Identity.ContentSha256, decision.RuleSet.ContentSha256, StringComparison.Ordinal)
            && string.Equals(known.Identity.Version, decision.RuleSet.Version, StringComparison.Ordinal))
        {
            return known;
        }

        var index = new CatalogIndex(decision.RuleSet, decision.Catalog);
        Volatile.Write(ref _catalog, index);
        return index;
    }

    private (ImmutableArray<HookService> Services, byte[] Discovery) Services(TerminologyMap map)
    {
        // One reference swapped whole, so a reader never pairs one map's services with another's discovery document.
        if (Volatile.Read(ref _services) is { } known && ReferenceEquals(known.Item1, map))
        {
            return (known.Item2, known.Item3);
        }

        var services = ServiceCatalog.Services(map);
        var discovery = DiscoveryWriter.Write(services);
        Volatile.Write(ref _services, Tuple.Create(map, services, discovery));
        return (services, discovery);
    }

    private static (OrderCheck Check, ImmutableArray<RequestProblem> Problems) KetamineOrders(HookRequest request, Bundle draft, TerminologyMap map)
    {
        var orders = ImmutableArray.CreateBuilder<(string, Contracts.V1.Route?)>();
        var problems = ImmutableArray.CreateBuilder<RequestProblem>();
        for (var i = 0; i < draft.Entry.Count; i++)
        {
            if (draft.Entry[i].Resource is not MedicationRequest order)
            {
                continue;
            }

            var label = FhirValues.Label(order);
            if (request.Hook == HookNames.OrderSelect && !request.Selections.Contains(label, StringComparer.Ordinal))
            {
                continue;
            }

            var codings = order.Medication is CodeableConcept concept
                ? concept.Coding
                : order.Medication is ResourceReference { Reference: { } reference } && reference.StartsWith('#')
                    ? order.Contained.OfType<Medication>().FirstOrDefault(m => m.Id == reference[1..])?.Code?.Coding ?? []
                    : [];
            var isKetamine = false;
            foreach (var coding in codings)
            {
                if (coding.System is { } system && coding.Code is { } code && CodeSystems.FormatProblem(system, code) is { } problem)
                {
                    problems.Add(new RequestProblem($"context.draftOrders.entry[{i}].resource.medication", $"'{code}' {problem}"));
                    continue;
                }

                isKetamine |= map.Lookup(coding.System, coding.Code)
                    .Any(t => t.Kind == TC.Medication && t.Value is "MEDICATION_CLASS_KETAMINE" or "MEDICATION_CLASS_ESKETAMINE");
            }

            if (!isKetamine)
            {
                continue;
            }

            Contracts.V1.Route? route = null;
            foreach (var coding in order.DosageInstruction.Select(d => d.Route).OfType<CodeableConcept>().SelectMany(c => c.Coding))
            {
                if (map.Lookup(coding.System, coding.Code).FirstOrDefault(t => t.Kind == TC.Route) is { } target)
                {
                    route = TC.Parse<Contracts.V1.Route>(Enums.Route, target.Value);
                    break;
                }
            }

            orders.Add((label, route));
        }

        return (new OrderCheck(orders.ToImmutable()), problems.ToImmutable());
    }
}

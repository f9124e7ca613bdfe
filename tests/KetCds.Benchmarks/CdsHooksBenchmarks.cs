using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using KetCds.CdsHooks;
using KetCds.CdsHooks.Internal.Cards;
using KetCds.CdsHooks.Internal.Fhir;
using KetCds.CdsHooks.Internal.Hooks;
using KetCds.Cli.Internal.Replay;
using KetCds.Clinical;

namespace KetCds.Benchmarks;

/// <summary>
/// One CDS Hooks <c>patient-view</c> call in process, request bytes to cards bytes, with the request
/// <c>tests/load/cds-hooks.sh</c> sends (all seven prefetch keys, 28 FHIR resources); then each stage alone on the
/// previous stage's output, to split the call: parse and validate (Firely), resolve and map to patient facts, evaluate,
/// build the cards, write the JSON.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class CdsHooksBenchmarks
{
    private const string BodyFile = "tests/cds-hooks/regression/all-risks-combined.json";
    private const int WarmupCalls = 3000;

    private CdsHookProcessor _processor = null!;
    private HttpClient _http = null!;
    private byte[] _body = null!;
    private HookService _service = null!;
    private FhirParser _parser = null!;
    private PrefetchResolver _resolver = null!;
    private EvaluatorDecisionSource _source = null!;
    private TerminologyMap _map = null!;
    private DateOnly _today;
    private HookRequest _request = null!;
    private FhirRecord _record = null!;
    private ImmutableArray<PrefetchGap> _gaps;
    private MappedPatient _mapped = null!;
    private CdsDecision _decision = null!;
    private CatalogIndex _catalog = null!;
    private ImmutableArray<Card> _cards;

    /// <summary>Loads rules/, its terminology map and the recorded request; runs each stage once for the next one's input.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var root = ShippedPatients.FindRoot();
        var (evaluator, load) = ClinicalEvaluator.FromDirectory(Path.Combine(root, "rules"));
        _source = new EvaluatorDecisionSource(evaluator ?? throw new InvalidOperationException(string.Join("\n", load.Errors)));
        var terminology = TerminologyMapLoader.Load(Path.Combine(root, "rules", "terminology"));
        _map = terminology.Map ?? throw new InvalidOperationException(string.Join("\n", terminology.Errors));

        // The load script sends the recorded file's "request" on its own; the day anchors ages and windows as recorded.
        var recorded = JsonNode.Parse(File.ReadAllBytes(Path.Combine(root, BodyFile)))!.AsObject();
        _today = DateOnly.Parse(recorded["today"]!.GetValue<string>(), CultureInfo.InvariantCulture);
        _body = Encoding.UTF8.GetBytes(recorded["request"]!.ToJsonString());
        _http = new HttpClient();
        var clock = new FixedTimeProvider(new DateTimeOffset(_today.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero));
        _processor = new CdsHookProcessor(_source, () => _map, () => _http, clock, TimeSpan.FromSeconds(2));
        var outcome = PatientView();
        if (outcome.StatusCode != 200)
        {
            throw new InvalidOperationException($"patient-view answered {outcome.StatusCode}: {Encoding.UTF8.GetString(outcome.Body)}");
        }

        _service = ServiceCatalog.Services(_map).Single(s => s.Id == ServiceCatalog.PatientViewId);
        _parser = new FhirParser();
        _resolver = new PrefetchResolver(() => _http, _parser, TimeSpan.FromSeconds(2));
        _request = HookRequestReader.Read(_body, _service, _parser).Request ?? throw new InvalidOperationException("the request does not parse");
        (_record, _gaps, _) = _resolver.ResolveAsync(_request, _service, CancellationToken.None).GetAwaiter().GetResult();
        _mapped = PatientFactsMapper.Map(_record, _map, _today);
        _decision = Evaluate();
        _catalog = new CatalogIndex(_decision.RuleSet, _decision.Catalog);
        _cards = CardBuilder.Build(_decision.Result!, _catalog, null, _mapped, _gaps);
        if (!Serialize().AsSpan().SequenceEqual(outcome.Body))
        {
            throw new InvalidOperationException("the stages do not add up to the processor's answer");
        }

        // BenchmarkDotNet warms up by iterations of a few dozen calls; Firely's parser needs a few thousand calls before
        // tiered compilation has optimised it (see CdsHooksWarmup), so a short job would measure tier-0 code.
        for (var i = 0; i < WarmupCalls; i++)
        {
            PatientView();
        }
    }

    /// <summary>Disposes the HTTP client the processor would fetch missing prefetch with (never used: the prefetch is full).</summary>
    [GlobalCleanup]
    public void Cleanup() => _http.Dispose();

    /// <summary>The whole call as the server makes it: request bytes to status and cards bytes.</summary>
    [Benchmark(Baseline = true)]
    public CdsHookOutcome PatientView() => _processor.HandleAsync(ServiceCatalog.PatientViewId, _body, CancellationToken.None).GetAwaiter().GetResult();

    /// <summary>System.Text.Json alone: the request read into a <see cref="JsonDocument"/>, the floor of any reading of the body.</summary>
    [Benchmark]
    public int ParseJsonOnly()
    {
        using var document = JsonDocument.Parse(_body);
        return document.RootElement.GetPropertyCount();
    }

    /// <summary>Stage 1: the request's fields checked and every FHIR resource in it parsed and validated by Firely.</summary>
    [Benchmark]
    public object? Parse() => HookRequestReader.Read(_body, _service, _parser).Request;

    /// <summary>Stage 2a: the prefetch checked against the context's patient and gathered into one record (nothing to fetch).</summary>
    [Benchmark]
    public object Resolve() => _resolver.ResolveAsync(_request, _service, CancellationToken.None).GetAwaiter().GetResult().Record;

    /// <summary>Stage 2b: the record mapped to patient facts through the terminology map.</summary>
    [Benchmark]
    public object Map() => PatientFactsMapper.Map(_record, _map, _today);

    /// <summary>Stage 3: the clinical evaluation of those facts (validation, engine, STANDARD result).</summary>
    [Benchmark]
    public CdsDecision Evaluate() => _source.Evaluate(_mapped.Facts, CancellationToken.None)!;

    /// <summary>Stage 4: the cards, with their Markdown detail and citations.</summary>
    [Benchmark]
    public int Cards() => CardBuilder.Build(_decision.Result!, _catalog, null, _mapped, _gaps).Length;

    /// <summary>Stage 5: the cards written as the CDS Hooks JSON response.</summary>
    [Benchmark]
    public byte[] Serialize() => CardWriter.Write(_cards, _request.HookInstance, _catalog, _map);
}

using System.Runtime.ExceptionServices;
using System.Text.Json;
using Hl7.Fhir.Model;

namespace KetCds.CdsHooks.Internal.Fhir;

/// <summary>
/// Parses a request's prefetch resources on two cores: Firely's strict parse is most of a hook call, and at an EHR's call
/// rate the second core is idle. The calling thread and one thread-pool helper take resources largest first until none is
/// left. The caller never waits for a helper that has not started (it takes that work itself), so a busy pool makes a
/// call no slower than parsing on one thread; it waits only for the resource a started helper is on.
/// </summary>
internal sealed class PrefetchParser : IThreadPoolWorkItem
{
    // Below this, waking a helper costs about what it saves.
    private const int ParallelMinimumBytes = 4 * 1024;
    private const int NotStarted = 0;
    private const int Running = 1;
    private const int Abandoned = 2;

    private readonly FhirParser _parser;
    private readonly ReadOnlyMemory<byte> _body;
    private readonly JsonReaderOptions _options;
    private readonly IReadOnlyList<(int Start, int Length)> _resources;
    private readonly int[] _order;
    private readonly (Resource? Resource, IReadOnlyList<string> Problems)[] _results;
    private readonly ManualResetEventSlim _helperDone = new();
    private int _next = -1;
    private int _helper = NotStarted;
    private ExceptionDispatchInfo? _helperFailure;

    private PrefetchParser(FhirParser parser, ReadOnlyMemory<byte> body, JsonReaderOptions options, IReadOnlyList<(int Start, int Length)> resources, int[] order)
    {
        _parser = parser;
        _body = body;
        _options = options;
        _resources = resources;
        _order = order;
        _results = new (Resource?, IReadOnlyList<string>)[resources.Count];
    }

    /// <summary>
    /// Each resource of <paramref name="body"/> (JSON already checked) at the given start and length parsed, or the problems
    /// that kept it from parsing, in the order given. Each is read by a reader over the whole body, so Firely's messages
    /// give positions in the body, as a one-pass read would.
    /// </summary>
    public static (Resource? Resource, IReadOnlyList<string> Problems)[] ParseAll(FhirParser parser, ReadOnlyMemory<byte> body, JsonReaderOptions options, IReadOnlyList<(int Start, int Length)> resources)
    {
        var order = Enumerable.Range(0, resources.Count).OrderByDescending(i => resources[i].Length).ThenBy(i => i).ToArray();
        var work = new PrefetchParser(parser, body, options, resources, order);
        if (resources.Count > 1 && Environment.ProcessorCount > 1 && resources.Sum(r => r.Length) >= ParallelMinimumBytes)
        {
            ThreadPool.UnsafeQueueUserWorkItem(work, preferLocal: false);
        }

        work.Take();
        if (Interlocked.CompareExchange(ref work._helper, Abandoned, NotStarted) == Running)
        {
            work._helperDone.Wait();
            work._helperFailure?.Throw();
        }

        return work._results;
    }

    /// <summary>The helper: takes resources until none is left, unless the caller has finished without it.</summary>
    public void Execute()
    {
        if (Interlocked.CompareExchange(ref _helper, Running, NotStarted) != NotStarted)
        {
            return;
        }

        try
        {
            Take();
        }
        catch (Exception ex)
        {
            // Rethrown on the caller's thread, as a one-thread parse would have thrown it.
            _helperFailure = ExceptionDispatchInfo.Capture(ex);
        }
        finally
        {
            _helperDone.Set();
        }
    }

    private void Take()
    {
        int next;
        while ((next = Interlocked.Increment(ref _next)) < _order.Length)
        {
            var index = _order[next];
            var start = _resources[index].Start;
            var reader = new Utf8JsonReader(_body.Span, _options);
            // Tokenizing up to the resource is cheap next to Firely's parse of it.
            while (reader.Read() && reader.TokenStartIndex < start)
            {
            }

            _results[index] = _parser.Parse(ref reader);
        }
    }
}

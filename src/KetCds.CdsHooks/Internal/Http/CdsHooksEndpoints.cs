using System.Diagnostics;
using KetCds.CdsHooks.Internal.Hooks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KetCds.CdsHooks.Internal.Http;

/// <summary>The HTTP handlers of the CDS Hooks endpoints: discovery, the services and their feedback.</summary>
internal sealed class CdsHooksEndpoints(
    CdsHookProcessor processor,
    ICdsFeedbackSink feedback,
    ICdsCallRecorder recorder,
    IOptions<CdsHooksOptions> options,
    CdsHooksAuthorizer authorizer,
    ILogger<CdsHooksEndpoints> logger)
{
    public const string RuleSetHeader = "KetCds-Rule-Set";
    public const string TerminologyHeader = "KetCds-Terminology-Map";

    /// <summary>
    /// Bodies up to this size are answered on the thread that read them; larger ones on the thread pool. A host may run
    /// the endpoint on its socket threads (the server's hooks listener does) to save a thread wake-up per call; a full
    /// 28-resource prefetch is 12.5 KB and parses in under a millisecond, while a multi-megabyte one would hold the
    /// socket thread, and every connection it serves, for tens of milliseconds.
    /// </summary>
    public const int InlineBodyBytes = 64 * 1024;

    public Task DiscoveryAsync(HttpContext context) => WriteAsync(context, processor.Discovery());

    public async Task HookAsync(HttpContext context, string id)
    {
        var started = Stopwatch.GetTimestamp();
        var (pausedBefore, collectionsBefore) = (GC.GetTotalPauseDuration(), GC.CollectionCount(0));
        if (await authorizer.RefuseAsync(context).ConfigureAwait(false))
        {
            return;
        }

        using var body = await ReadBodyAsync(context).ConfigureAwait(false);
        if (body is null)
        {
            return;
        }

        var read = Stopwatch.GetTimestamp();
        CdsHookOutcome outcome;
        try
        {
            outcome = body.Memory.Length <= InlineBodyBytes
                ? await processor.HandleAsync(id, body.Memory, context.RequestAborted).ConfigureAwait(false)
                : await Task.Run(() => processor.HandleAsync(id, body.Memory, context.RequestAborted)).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // Gone while its prefetch was being fetched: nobody is left to show the cards to.
            Left(context, "it was answered");
            return;
        }

        if (!await recorder.RecordAsync(id, body.Memory, outcome, context, context.RequestAborted).ConfigureAwait(false))
        {
            // Fail closed: no cards leave without their record.
            outcome = Unrecorded(outcome);
        }

        var answered = Stopwatch.GetTimestamp();
        if (!await WriteAsync(context, outcome).ConfigureAwait(false))
        {
            return;
        }

        if (!logger.IsEnabled(LogLevel.Debug))
        {
            return;
        }

        if (outcome.Phases is not { } phases)
        {
            logger.HookAnswered(id, outcome.StatusCode, outcome.RuleSet, outcome.TerminologyMap);
            return;
        }

        // Where a slow call's time went: the stages, the collector's pauses meanwhile, and the rest (waiting for a thread, and
        // for the call's record to be committed).
        var sent = Stopwatch.GetTimestamp();
        logger.HookTimed(
            id,
            outcome.StatusCode,
            Microseconds(sent - started),
            Microseconds(read - started),
            Microseconds(phases.Parse),
            Microseconds(phases.Resolve),
            Microseconds(phases.Map),
            Microseconds(phases.Evaluate),
            Microseconds(phases.Cards),
            Microseconds(sent - answered),
            (long)(GC.GetTotalPauseDuration() - pausedBefore).TotalMicroseconds,
            GC.CollectionCount(0) - collectionsBefore);
    }

    private static long Microseconds(long ticks) => ticks * 1_000_000 / Stopwatch.Frequency;

    public async Task FeedbackAsync(HttpContext context, string id)
    {
        if (await authorizer.RefuseAsync(context).ConfigureAwait(false))
        {
            return;
        }

        if (!CdsHookProcessor.ServiceIds.Contains(id, StringComparer.Ordinal))
        {
            await WriteAsync(context, new CdsHookOutcome(404, ErrorBody.Write($"no CDS service '{id}'", []), null, null)).ConfigureAwait(false);
            return;
        }

        using var body = await ReadBodyAsync(context).ConfigureAwait(false);
        if (body is null)
        {
            return;
        }

        var (items, problems) = FeedbackReader.Read(id, body.Memory);
        if (problems.Count > 0)
        {
            await WriteAsync(context, new CdsHookOutcome(400, ErrorBody.Write("the feedback is not valid", problems), null, null)).ConfigureAwait(false);
            return;
        }

        foreach (var item in items)
        {
            if (!await feedback.RecordAsync(item, context, context.RequestAborted).ConfigureAwait(false))
            {
                // Items before this one are recorded; the EHR may send the whole feedback again (records are append-only).
                await WriteAsync(context, new CdsHookOutcome(503, ErrorBody.Write("the feedback could not be recorded", [new RequestProblem($"feedback[{items.IndexOf(item)}]", "the audit trail cannot be written; send the feedback again later")]), null, null)).ConfigureAwait(false);
                return;
            }
        }

        context.Response.StatusCode = StatusCodes.Status200OK;
    }

    /// <summary>The request's body; null when the call was answered (too large, unreadable) or abandoned while it was read.</summary>
    private async Task<PooledBody?> ReadBodyAsync(HttpContext context)
    {
        try
        {
            if (await BodyReader.ReadAsync(context.Request, options.Value.MaxRequestBytes, context.RequestAborted).ConfigureAwait(false) is { } body)
            {
                return body;
            }

            await WriteAsync(context, TooLarge()).ConfigureAwait(false);
            return null;
        }
        catch (BadHttpRequestException ex)
        {
            // Malformed framing (a bad chunk), a body that ends before its Content-Length, one sent too slowly: the client's
            // fault, answered with the status Kestrel chose and its reason, which names no patient value.
            logger.BodyUnreadable(context.Request.Path.Value ?? string.Empty, ex.StatusCode, ex.Message);
            await WriteAsync(context, new CdsHookOutcome(ex.StatusCode, ErrorBody.Write("the request body could not be read", [new RequestProblem("$", ex.Message)]), null, null)).ConfigureAwait(false);
            return null;
        }
        catch (Exception ex) when (ClientGone(context, ex))
        {
            Left(context, "its request was read");
            return null;
        }
    }

    // A connection reset or closed under a read or a write (IOException covers Kestrel's ConnectionResetException), or the
    // request's own token fired because the client went away.
    private static bool ClientGone(HttpContext context, Exception ex) =>
        ex is IOException || (ex is OperationCanceledException && context.RequestAborted.IsCancellationRequested);

    // A client that left is not a server error: logged as information, and the connection, unusable now, is closed rather
    // than drained (draining a body whose read failed is itself logged as an error by Kestrel).
    private void Left(HttpContext context, string stage)
    {
        logger.ClientLeft(context.Request.Path.Value ?? string.Empty, stage);
        context.Abort();
    }

    private static CdsHookOutcome Unrecorded(CdsHookOutcome withheld) => new(
        503,
        ErrorBody.Write("the answer could not be recorded", [new RequestProblem("$", "the audit trail cannot be written, so the answer is withheld; retry later")]),
        null,
        withheld.TerminologyMap);

    private CdsHookOutcome TooLarge() => new(
        400,
        ErrorBody.Write("the request is too large", [new RequestProblem("$", $"the body is larger than {options.Value.MaxRequestBytes} bytes; send less prefetch and let the service fetch the rest from fhirServer")]),
        null,
        null);

    /// <summary>Writes the answer; false when the client left before it could be sent.</summary>
    private async Task<bool> WriteAsync(HttpContext context, CdsHookOutcome outcome)
    {
        context.Response.StatusCode = outcome.StatusCode;
        context.Response.ContentType = "application/json";
        // Known up front, so HTTP/1.1 sends the body as is rather than in chunks.
        context.Response.ContentLength = outcome.Body.Length;
        if (outcome.RuleSet is not null)
        {
            context.Response.Headers[RuleSetHeader] = outcome.RuleSet;
        }

        if (outcome.TerminologyMap is not null)
        {
            context.Response.Headers[TerminologyHeader] = outcome.TerminologyMap;
        }

        try
        {
            await context.Response.Body.WriteAsync(outcome.Body, context.RequestAborted).ConfigureAwait(false);
            return true;
        }
        catch (Exception ex) when (ClientGone(context, ex))
        {
            Left(context, "its answer was sent");
            return false;
        }
    }
}

using KetCds.CdsHooks.Internal.Hooks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KetCds.CdsHooks.Internal.Http;

/// <summary>The HTTP handlers of the CDS Hooks endpoints: discovery, the services and their feedback.</summary>
internal sealed class CdsHooksEndpoints(
    CdsHookProcessor processor,
    ICdsFeedbackSink feedback,
    IOptions<CdsHooksOptions> options,
    CdsHooksAuthorizer authorizer,
    ILogger<CdsHooksEndpoints> logger)
{
    public const string RuleSetHeader = "KetCds-Rule-Set";
    public const string TerminologyHeader = "KetCds-Terminology-Map";

    public Task DiscoveryAsync(HttpContext context) => WriteAsync(context, processor.Discovery());

    public async Task HookAsync(HttpContext context, string id)
    {
        if (await authorizer.RefuseAsync(context).ConfigureAwait(false))
        {
            return;
        }

        var body = await BodyReader.ReadAsync(context.Request, options.Value.MaxRequestBytes, context.RequestAborted).ConfigureAwait(false);
        if (body is null)
        {
            await WriteAsync(context, TooLarge()).ConfigureAwait(false);
            return;
        }

        var outcome = await processor.HandleAsync(id, body, context.RequestAborted).ConfigureAwait(false);
        logger.HookAnswered(id, outcome.StatusCode, outcome.RuleSet, outcome.TerminologyMap);
        await WriteAsync(context, outcome).ConfigureAwait(false);
    }

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

        var body = await BodyReader.ReadAsync(context.Request, options.Value.MaxRequestBytes, context.RequestAborted).ConfigureAwait(false);
        if (body is null)
        {
            await WriteAsync(context, TooLarge()).ConfigureAwait(false);
            return;
        }

        var (items, problems) = FeedbackReader.Read(id, body);
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

    private CdsHookOutcome TooLarge() => new(
        400,
        ErrorBody.Write("the request is too large", [new RequestProblem("$", $"the body is larger than {options.Value.MaxRequestBytes} bytes; send less prefetch and let the service fetch the rest from fhirServer")]),
        null,
        null);

    private static async Task WriteAsync(HttpContext context, CdsHookOutcome outcome)
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

        await context.Response.Body.WriteAsync(outcome.Body, context.RequestAborted).ConfigureAwait(false);
    }
}

using Grpc.Core;
using KetCds.CdsHooks;
using KetCds.Server.Internal.CdsHooks;
using KetCds.Server.Internal.Security;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace KetCds.Server.Internal.Auditing;

/// <summary>
/// Records a decision-support call whose end nothing else recorded: grpc-dotnet refuses some requests before any
/// interceptor runs (a message protobuf cannot parse, one over the size limit, an unsupported compression), and a batch
/// stream can fail after its items were recorded one by one. The record carries the status the call ended with; its request
/// was never read, so it has no request id or hash of its own. A batch that ends OK needs none beyond its items'. CDS Hooks
/// calls the endpoint did not record (refused before its handler, or ended by a failure) get the same.
/// </summary>
internal sealed class AuditBackstopMiddleware(RequestDelegate next, CallAuditor auditor)
{
    private static readonly object RecordedKey = new();

    /// <summary>Notes that the call's end is in the trail, so this middleware adds nothing.</summary>
    public static void MarkRecorded(HttpContext http) => http.Items[RecordedKey] = RecordedKey;

    public async Task InvokeAsync(HttpContext context)
    {
        if (auditor.Enabled && HookCall(context) is { } hook)
        {
            await HookCallAsync(context, hook.Method, hook.IsFeedback).ConfigureAwait(false);
            return;
        }

        if (!auditor.Enabled || !GrpcStatusResponse.IsDecisionSupportCall(context))
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        await next(context).ConfigureAwait(false);
        if (context.Items.ContainsKey(RecordedKey))
        {
            return;
        }

        var status = EndStatus(context);
        var method = context.Request.Path.Value!;
        if (status == StatusCode.OK && method.EndsWith("/EvaluateBatch", StringComparison.Ordinal))
        {
            return;
        }

        // The answer (an error, or a stream's end) is already written, so there is nothing to withhold; a record that cannot
        // be written is logged as an error by the auditor.
        _ = await auditor.RecordAsync(context, method, CallRecord.Refused(status)).ConfigureAwait(false);
    }

    /// <summary>
    /// A CDS Hooks call the endpoint did not record: refused before its handler ran (no or an invalid EHR JWT), a body
    /// over the size limit, a client that left mid-body, a handler that failed; for feedback also an unknown service or
    /// feedback that is not valid (a feedback call that ends OK has its items' records, or had no items). The answer is
    /// already written and carries no cards, so there is nothing to withhold.
    /// </summary>
    private async Task HookCallAsync(HttpContext context, string method, bool isFeedback)
    {
        Exception? failure = null;
        try
        {
            await next(context).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            failure = ex;
            throw;
        }
        finally
        {
            if (!context.Items.ContainsKey(RecordedKey))
            {
                var status = failure switch
                {
                    ConnectionResetException or OperationCanceledException => StatusCode.Cancelled,
                    // Kestrel's verdict on the request, e.g. a body cut short by a client that left mid-body (400).
                    BadHttpRequestException bad => HookStatus.Of(bad.StatusCode),
                    not null => StatusCode.Internal,
                    null when context.RequestAborted.IsCancellationRequested => StatusCode.Cancelled,
                    // A hook call's handler answers (and records) or writes a refusal; nothing written means its client left.
                    null when !isFeedback && !context.Response.HasStarted => StatusCode.Cancelled,
                    null => HookStatus.Of(context.Response.StatusCode),
                };
                if (!isFeedback || status != StatusCode.OK)
                {
                    _ = await auditor.RecordAsync(context, method, CallRecord.Refused(status)).ConfigureAwait(false);
                }
            }
        }
    }

    /// <summary>
    /// A CDS Hooks call, <c>POST /cds-services/{id}</c> or <c>POST /cds-services/{id}/feedback</c>, matched as routing
    /// matches it (any case, one trailing slash), with its method as the endpoint's records name it; null for any other request.
    /// </summary>
    private static (string Method, bool IsFeedback)? HookCall(HttpContext context)
    {
        const string prefix = CdsHooksEndpointRouteBuilderExtensions.BasePath + "/";
        const string feedback = "/feedback";
        if (!HttpMethods.IsPost(context.Request.Method)
            || context.Request.Path.Value is not { } path
            || !path.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var rest = path.AsSpan(prefix.Length);
        if (rest.EndsWith("/", StringComparison.Ordinal))
        {
            rest = rest[..^1];
        }

        var isFeedback = rest.EndsWith(feedback, StringComparison.OrdinalIgnoreCase);
        var id = isFeedback ? rest[..^feedback.Length] : rest;
        if (id.IsEmpty || id.Contains('/'))
        {
            return null;
        }

        var method = AuditedCallRecorder.Method(id.ToString());
        return (isFeedback ? method + feedback : method, isFeedback);
    }

    /// <summary>The call's gRPC status: in the trailers, or in the headers of a trailers-only answer; CANCELLED when the client left first.</summary>
    private static StatusCode EndStatus(HttpContext context)
    {
        var trailers = context.Features.Get<IHttpResponseTrailersFeature>()?.Trailers;
        var text = trailers?["grpc-status"].ToString() is { Length: > 0 } fromTrailers ? fromTrailers : context.Response.Headers["grpc-status"].ToString();
        if (int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var code))
        {
            return (StatusCode)code;
        }

        return context.RequestAborted.IsCancellationRequested ? StatusCode.Cancelled : StatusCode.Unknown;
    }
}

using Grpc.Core;
using KetCds.Server.Internal.Auditing;
using KetCds.Server.Internal.Security;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;

namespace KetCds.Server.Internal.FlowControl;

/// <summary>
/// Counts what each call writes and, once its handler returns, flushes the response itself: grpc-dotnet leaves a unary
/// response unflushed and Kestrel would then hold it, unseen, for as long as the client keeps its window closed. This
/// flush completes only when the bytes have left, so the <see cref="StalledResponseGuard"/> can watch the wait and bound it.
/// A decision-support call on a connection whose unread answers are over its budget, or that had a stream reset for not
/// reading in the last minute, is refused RESOURCE_EXHAUSTED at once. The call's <see cref="AnswerReservation"/>, if it
/// was admitted one, is settled to the answer's size when the handler returns and released when the bytes have left.
/// </summary>
internal sealed class StalledResponseMiddleware(
    RequestDelegate next, StalledResponseGuard guard, OpenConnections connections, CallAuditor auditor, ILogger<StalledResponseMiddleware> logger)
{
    /// <summary>The status message of a call refused because its connection's earlier answers are unread.</summary>
    public const string UnreadAnswersMessage = "earlier answers on this connection have not been read; read them before asking for more";

    public async Task InvokeAsync(HttpContext context)
    {
        if (guard.RefusesCallsOn(context.Connection.Id) && GrpcStatusResponse.IsDecisionSupportCall(context))
        {
            // Refused before any evaluation: a client that does not read gets no more work done for it.
            logger.UnreadConnectionCallRefused(context.Request.Path.Value!, context.Connection.Id);
            _ = await auditor.RecordAsync(context, context.Request.Path.Value!, CallRecord.Refused(StatusCode.ResourceExhausted)).ConfigureAwait(false);
            await GrpcStatusResponse.WriteAsync(context, StatusCode.ResourceExhausted, UnreadAnswersMessage).ConfigureAwait(false);
            return;
        }

        if (context.Features.Get<IHttpResponseBodyFeature>() is not { } body)
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        var writer = new CountingResponseWriter(body.Writer);
        context.Features.Set<IHttpResponseBodyFeature>(new CountingResponseBodyFeature(body, writer));
        try
        {
            await next(context).ConfigureAwait(false);
            await SendAsync(context, writer).ConfigureAwait(false);
        }
        finally
        {
            // Set by the AnswerBudgetInterceptor when it admitted the call: the answer has left, or never will.
            context.Features.Get<AnswerReservation>()?.Release();
        }
    }

    private async Task SendAsync(HttpContext context, CountingResponseWriter writer)
    {
        if (writer.Written > 0)
        {
            context.Features.Get<AnswerReservation>()?.Settle(writer.Written);
        }

        if (writer.Written == 0 || writer.IsCompleted || context.RequestAborted.IsCancellationRequested)
        {
            return;
        }

        ValueTask<System.IO.Pipelines.FlushResult> flush;
        try
        {
            flush = writer.FlushAsync();
        }
        catch (InvalidOperationException)
        {
            // Completed by the framework in a way this writer did not see: nothing is left to send.
            return;
        }

        if (flush.IsCompleted)
        {
            Left(context, flush.Result);
            return;
        }

        var unsent = guard.Watch(context, writer.Written);
        try
        {
            Left(context, await flush.ConfigureAwait(false));
        }
        catch (Exception e) when (e is OperationCanceledException or ConnectionAbortedException or IOException)
        {
            // The stream was reset, by the guard or by the client: nobody is left to answer.
        }
        catch (InvalidOperationException)
        {
            // The framework completed the response while the flush was pending (a deadline, an abort): nothing is left
            // to send, which is all this flush was for.
        }
        finally
        {
            guard.Completed(unsent);
        }
    }

    // A flush that ends because the stream went away (the reader completed, or the flush was cancelled) sent nothing.
    private void Left(HttpContext context, System.IO.Pipelines.FlushResult result)
    {
        if (!result.IsCompleted && !result.IsCanceled)
        {
            connections.AnswerLeft(context.Connection.Id);
        }
    }
}

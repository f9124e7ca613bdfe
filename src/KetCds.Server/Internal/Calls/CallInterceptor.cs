using System.Diagnostics;
using Grpc.Core;
using Grpc.Core.Interceptors;
using KetCds.Contracts.V1;
using KetCds.Engine;
using KetCds.Server.Internal.Services;
using Microsoft.Extensions.Logging;

namespace KetCds.Server.Internal.Calls;

/// <summary>
/// Cross-cutting concerns of every call, kept out of the services: a rule set exceeding its evaluation limit becomes
/// RESOURCE_EXHAUSTED, and each call ends with one Debug line (method, request id, status, duration, rule-set version —
/// never a patient value) and its metrics.
/// </summary>
internal sealed class CallInterceptor(ServerMetrics metrics, StatusSizeCap statusCap, TimeProvider time, ILogger<CallInterceptor> logger) : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        var started = metrics.Start();
        var status = StatusCode.Unknown;
        try
        {
            var response = await continuation(request, context).ConfigureAwait(false);
            status = StatusCode.OK;
            return response;
        }
        catch (EvaluationLimitExceededException)
        {
            status = StatusCode.ResourceExhausted;
            logger.EvaluationLimitExceeded(RequestId(request), CallState.RuleSet(context));
            throw new RpcException(new Status(StatusCode.ResourceExhausted, StatusMessages.LimitExceeded));
        }
        catch (RpcException ex)
        {
            status = ex.StatusCode;
            if (statusCap.Cap(ex) is { } smaller)
            {
                throw smaller;
            }

            throw;
        }
        catch (OperationCanceledException) when (context.CancellationToken.IsCancellationRequested)
        {
            status = StatusCode.Cancelled;
            throw;
        }
        finally
        {
            Ended(context, RequestId(request), status, started);
        }
    }

    public override Task DuplexStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream,
        IServerStreamWriter<TResponse> responseStream,
        ServerCallContext context,
        DuplexStreamingServerMethod<TRequest, TResponse> continuation) =>
        ObserveStreamAsync(() => continuation(requestStream, responseStream, context), context);

    public override Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation) =>
        ObserveStreamAsync(() => continuation(request, responseStream, context), context);

    private async Task ObserveStreamAsync(Func<Task> call, ServerCallContext context)
    {
        var started = metrics.Start();
        var status = StatusCode.Unknown;
        try
        {
            await call().ConfigureAwait(false);
            status = StatusCode.OK;
        }
        catch (RpcException ex)
        {
            status = ex.StatusCode;
            throw;
        }
        catch (OperationCanceledException) when (context.CancellationToken.IsCancellationRequested)
        {
            // The client cancelled, went away or ran out of deadline mid-stream: grpc-dotnet reports it.
            status = StatusCode.Cancelled;
            throw;
        }
        catch (InvalidOperationException) when (context.CancellationToken.IsCancellationRequested)
        {
            // The client reset the stream between two of the service's reads or writes (a reflection client that disposes
            // the call once it has its answer does): grpc-dotnet then refuses the next one as "the request is complete".
            // Nobody is left to receive a status; logged as an error it would page operators for a client's normal exit.
            status = StatusCode.Cancelled;
            throw new RpcException(new Status(StatusCode.Cancelled, "the client ended the call"));
        }
        catch (IOException)
        {
            // The client reset the stream mid-read; the call token may not have fired yet. It is the client's doing, not
            // a server error, so it ends as CANCELLED rather than as an exception grpc-dotnet would log as an error.
            status = StatusCode.Cancelled;
            throw new RpcException(new Status(StatusCode.Cancelled, "the client reset the stream"));
        }
        finally
        {
            Ended(context, string.Empty, status, started);
        }
    }

    private void Ended(ServerCallContext context, string requestId, StatusCode status, long started)
    {
        if (status == StatusCode.Cancelled && context.Deadline <= time.GetUtcNow().UtcDateTime)
        {
            status = StatusCode.DeadlineExceeded;
        }

        var elapsed = metrics.Elapsed(started);
        var ruleSet = CallState.RuleSet(context);
        Activity.Current?.SetTag("ketcds.rule_set", ruleSet);
        metrics.CallEnded(context.Method, StatusNames.Of(status), ruleSet, elapsed);
        logger.CallEnded(context.Method, requestId, status, elapsed.TotalMilliseconds, ruleSet);
    }

    private static string RequestId<TRequest>(TRequest request) => request is EvaluateRequest evaluate ? evaluate.RequestId : string.Empty;
}

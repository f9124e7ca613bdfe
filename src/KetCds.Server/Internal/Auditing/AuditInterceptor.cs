using Google.Protobuf;
using Grpc.AspNetCore.Server;
using Grpc.Core;
using Grpc.Core.Interceptors;
using KetCds.Contracts.V1;
using KetCds.Engine;
using KetCds.Server.Internal.Security;

namespace KetCds.Server.Internal.Auditing;

/// <summary>
/// Records every decision-support call that reaches its handler and holds each answer until its record is durable. A unary
/// call is one record. EvaluateBatch is one record per item (each item is a patient decision), written before that item's
/// answer; items are pipelined so many share one group commit. Calls refused before a handler runs are recorded by
/// <see cref="GrpcDenialHandler"/> and the rate limiter's rejection instead.
/// </summary>
internal sealed class AuditInterceptor(CallAuditor auditor) : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        if (!auditor.Enabled || !context.Method.StartsWith(GrpcStatusResponse.DecisionSupportPrefix, StringComparison.Ordinal))
        {
            return await continuation(request, context).ConfigureAwait(false);
        }

        TResponse response;
        try
        {
            response = await continuation(request, context).ConfigureAwait(false);
        }
        catch (Exception ex) when (Failure(ex) is { } status)
        {
            await RecordOrWithholdAsync(context, Record(request, null, status)).ConfigureAwait(false);
            throw;
        }

        await RecordOrWithholdAsync(context, Record(request, response, StatusCode.OK)).ConfigureAwait(false);
        return response;
    }

    public override async Task DuplexStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream,
        IServerStreamWriter<TResponse> responseStream,
        ServerCallContext context,
        DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        if (!auditor.Enabled || !context.Method.StartsWith(GrpcStatusResponse.DecisionSupportPrefix, StringComparison.Ordinal))
        {
            await continuation(requestStream, responseStream, context).ConfigureAwait(false);
            return;
        }

        var items = new AuditedBatch<TRequest, TResponse>(requestStream, responseStream, (request, response) =>
            auditor.RecordAsync(context.GetHttpContext(), context.Method, Record(request, response, StatusCode.OK)));
        try
        {
            await continuation(items, items, context).ConfigureAwait(false);
        }
        finally
        {
            // Answers already recorded are still sent; an unrecordable one ends the stream with UNAVAILABLE.
            await items.CompleteAsync().ConfigureAwait(false);
        }
    }

    private static StatusCode? Failure(Exception ex) => ex switch
    {
        RpcException rpc => rpc.StatusCode,
        EvaluationLimitExceededException => StatusCode.ResourceExhausted,
        OperationCanceledException => StatusCode.Cancelled,
        _ => StatusCode.Unknown,
    };

    private async Task RecordOrWithholdAsync(ServerCallContext context, CallRecord record)
    {
        if (!await auditor.RecordAsync(context.GetHttpContext(), context.Method, record).ConfigureAwait(false))
        {
            throw CallAuditor.Unavailable();
        }
    }

    private static CallRecord Record(object? request, object? response, StatusCode status)
    {
        var requestBytes = request is IMessage message ? message.ToByteArray() : [];
        var responseBytes = response is IMessage answer ? answer.ToByteArray() : [];
        var requestId = request switch
        {
            EvaluateRequest evaluate => evaluate.RequestId,
            EvaluateBatchRequest item => item.CaseId,
            _ => string.Empty,
        };
        return response switch
        {
            EvaluateResponse evaluate => new CallRecord(requestId, Label(evaluate.RuleSet), status, DecisionSummary.Of(evaluate.Result), requestBytes, responseBytes),
            EvaluateBatchResponse item => new CallRecord(
                requestId,
                Label(item.RuleSet),
                item.Error is null ? status : ItemStatus(item.Error.Code),
                DecisionSummary.Of(item.Result),
                requestBytes,
                responseBytes),
            GetRuleSetResponse ruleSet => new CallRecord(requestId, Label(ruleSet.Identity), status, [], requestBytes, responseBytes),
            ListRulesResponse rules => new CallRecord(requestId, Label(rules.RuleSet), status, [], requestBytes, responseBytes),
            GetSourceCatalogResponse catalog => new CallRecord(requestId, Label(catalog.RuleSet), status, [], requestBytes, responseBytes),
            _ => new CallRecord(requestId, string.Empty, status, [], requestBytes, responseBytes),
        };
    }

    /// <summary>The full label, <c>name@version+sha256</c>, so a record names exactly one rule-set content.</summary>
    private static string Label(KetCds.Contracts.V1.RuleSetIdentity? identity) =>
        identity is null ? string.Empty : $"{identity.Name}@{identity.Version}+{identity.ContentSha256}";

    private static StatusCode ItemStatus(BatchItemErrorCode code) => code switch
    {
        BatchItemErrorCode.InvalidArgument => StatusCode.InvalidArgument,
        BatchItemErrorCode.Internal => StatusCode.Internal,
        _ => StatusCode.Unknown,
    };
}

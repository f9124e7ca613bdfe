using Google.Protobuf;
using Grpc.AspNetCore.Server;
using Grpc.Core;
using Grpc.Core.Interceptors;
using KetCds.Contracts.V1;
using KetCds.Engine;
using KetCds.Server.Internal.Security;
using KetCds.Server.Internal.Services;

namespace KetCds.Server.Internal.Auditing;

/// <summary>
/// Records every decision-support call that reaches its handler and holds each answer until its record is durable. A unary
/// call is one record. EvaluateBatch is one record per item (each item is a patient decision), written before that item's
/// answer; items are pipelined so many share one group commit. Calls refused before a handler runs are recorded by
/// <see cref="GrpcDenialHandler"/> and the rate limiter's rejection instead, and whatever ends without a record of its end
/// (a request grpc-dotnet cannot read, a batch stream that fails) by <see cref="AuditBackstopMiddleware"/>.
/// </summary>
internal sealed class AuditInterceptor(CallAuditor auditor, AnswerEncoder answers) : Interceptor
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
            auditor.RecordAsync(context.GetHttpContext(), context.Method, Record(request, response, StatusCode.OK), callEnds: false));
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

    private CallRecord Record(object? request, object? response, StatusCode status)
    {
        var record = Summary(request, response, status);
        if (auditor.StoresPayloads)
        {
            return record with
            {
                Request = request is IMessage message ? message.ToByteArray() : [],
                Response = response is IMessage answer ? answers.EncodeAndKeep(answer) : [],
            };
        }

        // Only the hashes are kept: a FULL answer is hundreds of kilobytes, and a copy of it held per call until the
        // record commits was what a flood of such calls filled the server's memory with.
        return record with
        {
            RequestSha256 = MessageDigest.Sha256(request as IMessage),
            // The answer's encoder, as its marshaller will write it: the same bytes, made faster than generated code does.
            ResponseSha256 = response is IMessage encoded ? MessageDigest.Sha256(answers.EncodeAndKeep(encoded)) : MessageDigest.Sha256((IMessage?)null),
        };
    }

    private static CallRecord Summary(object? request, object? response, StatusCode status)
    {
        var requestId = request switch
        {
            EvaluateRequest evaluate => evaluate.RequestId,
            EvaluateBatchRequest item => item.CaseId,
            _ => string.Empty,
        };
        return response switch
        {
            EvaluateResponse evaluate => new CallRecord(requestId, Label(evaluate.RuleSet), status, DecisionSummary.Of(evaluate.Result), default, default),
            EvaluateBatchResponse item => new CallRecord(
                requestId,
                Label(item.RuleSet),
                item.Error is null ? status : ItemStatus(item.Error.Code),
                DecisionSummary.Of(item.Result),
                default,
                default),
            GetRuleSetResponse ruleSet => new CallRecord(requestId, Label(ruleSet.Identity), status, [], default, default),
            ListRulesResponse rules => new CallRecord(requestId, Label(rules.RuleSet), status, [], default, default),
            GetSourceCatalogResponse catalog => new CallRecord(requestId, Label(catalog.RuleSet), status, [], default, default),
            _ => new CallRecord(requestId, string.Empty, status, [], default, default),
        };
    }

    /// <summary>The full label, <c>name@version+sha256</c>, so a record names exactly one rule-set content.</summary>
    public static string Label(KetCds.Contracts.V1.RuleSetIdentity? identity) =>
        identity is null ? string.Empty : $"{identity.Name}@{identity.Version}+{identity.ContentSha256}";

    private static StatusCode ItemStatus(BatchItemErrorCode code) => code switch
    {
        BatchItemErrorCode.InvalidArgument => StatusCode.InvalidArgument,
        BatchItemErrorCode.Internal => StatusCode.Internal,
        _ => StatusCode.Unknown,
    };
}

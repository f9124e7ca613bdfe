using KetCds.Clinical;
using KetCds.Contracts.V1;
using KetCds.Engine;
using KetCds.Protocol;
using KetCds.Server.Internal.RuleSets;
using Microsoft.Extensions.Logging;

namespace KetCds.Server.Internal.Services;

/// <summary>
/// ketcds.v1.DecisionSupportService over the Clinical layer. Each call reads the rule-set state once and answers
/// entirely from that snapshot, so every response names the one version that produced it, even mid-swap.
/// </summary>
internal sealed class DecisionSupportGrpcService(RuleSetHost host, ILogger<DecisionSupportGrpcService> logger)
{
    private const int MaxCaseIdLength = 128;

    public void Bind(GrpcServiceBinder binder) => binder
        .Unary<EvaluateRequest, EvaluateResponse>("Evaluate", Evaluate)
        .DuplexStreaming<EvaluateBatchRequest, EvaluateBatchResponse>("EvaluateBatch", EvaluateBatchAsync)
        .Unary<GetRuleSetRequest, GetRuleSetResponse>("GetRuleSet", GetRuleSet)
        .Unary<ListRulesRequest, ListRulesResponse>("ListRules", ListRules)
        .Unary<GetSourceCatalogRequest, GetSourceCatalogResponse>("GetSourceCatalog", GetSourceCatalog);

    private Task<EncodedMessage<EvaluateResponse>> Evaluate(EvaluateRequest request, GrpcCallContext context)
    {
        var snapshot = CurrentOrUnavailable();
        ClinicalEvaluation evaluation;
        try
        {
            evaluation = snapshot.Evaluator.Evaluate(request, context.CancellationToken);
        }
        catch (EvaluationLimitExceededException)
        {
            logger.EvaluationLimitExceeded(request.RequestId, snapshot.Label);
            throw new GrpcException(GrpcStatusCode.ResourceExhausted, StatusMessages.LimitExceeded);
        }

        if (!evaluation.IsValid)
        {
            throw GrpcException.InvalidArgument(StatusMessages.InvalidFields(evaluation.Violations.Length), ToGrpc(evaluation.Violations));
        }

        var response = new EvaluateResponse
        {
            RequestId = request.RequestId,
            Result = evaluation.Result,
            RuleSet = snapshot.Identity,
        };
        return Task.FromResult(new EncodedMessage<EvaluateResponse>(snapshot.Evaluator.Encode(response)));
    }

    private async Task EvaluateBatchAsync(
        IAsyncEnumerable<EvaluateBatchRequest> requests,
        IGrpcStreamWriter<EncodedMessage<EvaluateBatchResponse>> writer,
        GrpcCallContext context)
    {
        var cancellationToken = context.CancellationToken;
        await foreach (var item in requests.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            // A snapshot per item: a long batch picks up a reload, and each answer names its own version.
            var snapshot = CurrentOrUnavailable();
            var response = EvaluateItem(item, snapshot, cancellationToken);
            await writer.WriteAsync(new EncodedMessage<EvaluateBatchResponse>(snapshot.Evaluator.Encode(response)), cancellationToken).ConfigureAwait(false);
        }
    }

    private EvaluateBatchResponse EvaluateItem(EvaluateBatchRequest item, RuleSetSnapshot snapshot, CancellationToken cancellationToken)
    {
        var response = new EvaluateBatchResponse { CaseId = item.CaseId, RuleSet = snapshot.Identity };
        IReadOnlyList<FieldViolation> violations;
        if (item.CaseId.Length > MaxCaseIdLength)
        {
            // Report the patient's problems too, so the caller can fix the item in one round.
            var all = new List<FieldViolation> { new() { Field = "case_id", Description = $"must be at most {MaxCaseIdLength} characters" } };
            all.AddRange(PatientValidator.Validate(item.Patient));
            violations = all;
        }
        else
        {
            try
            {
                var evaluation = snapshot.Evaluator.Evaluate(item.Patient, item.Detail, cancellationToken);
                if (evaluation.IsValid)
                {
                    response.Result = evaluation.Result;
                    return response;
                }

                violations = evaluation.Violations;
            }
            catch (EvaluationLimitExceededException)
            {
                logger.EvaluationLimitExceeded(item.CaseId, snapshot.Label);
                response.Error = new BatchItemError { Code = BatchItemErrorCode.Internal, Message = StatusMessages.LimitExceeded };
                return response;
            }
        }

        var error = new BatchItemError { Code = BatchItemErrorCode.InvalidArgument, Message = StatusMessages.InvalidFields(violations.Count) };
        error.Violations.AddRange(violations);
        response.Error = error;
        return response;
    }

    private Task<GetRuleSetResponse> GetRuleSet(GetRuleSetRequest request, GrpcCallContext context) =>
        Task.FromResult(host.State.RuleSetResponse ?? throw Unavailable());

    private Task<EncodedMessage<ListRulesResponse>> ListRules(ListRulesRequest request, GrpcCallContext context) =>
        Task.FromResult(CurrentOrUnavailable().Rules);

    private Task<EncodedMessage<GetSourceCatalogResponse>> GetSourceCatalog(GetSourceCatalogRequest request, GrpcCallContext context) =>
        Task.FromResult(CurrentOrUnavailable().Catalog);

    private RuleSetSnapshot CurrentOrUnavailable() => host.State.Current ?? throw Unavailable();

    private static GrpcException Unavailable() => new(GrpcStatusCode.Unavailable, StatusMessages.NoRuleSet);

    private static GrpcFieldViolation[] ToGrpc(IReadOnlyList<FieldViolation> violations)
    {
        var converted = new GrpcFieldViolation[violations.Count];
        for (var i = 0; i < converted.Length; i++)
        {
            converted[i] = new GrpcFieldViolation(violations[i].Field, violations[i].Description);
        }

        return converted;
    }
}

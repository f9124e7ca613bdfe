using Grpc.Core;
using KetCds.Clinical;
using KetCds.Contracts.V1;
using KetCds.Engine;
using KetCds.Server.Internal.Calls;
using KetCds.Server.Internal.RuleSets;
using Microsoft.Extensions.Logging;

namespace KetCds.Server.Internal.Services;

/// <summary>
/// ketcds.v1.DecisionSupportService over the Clinical layer, on grpc-dotnet's generated base. Each call reads the
/// rule-set state once and answers entirely from that snapshot, so every response names the one version that produced
/// it, even mid-swap. Limits, deadlines and per-call logging are the interceptor's and Kestrel's, not this class's.
/// </summary>
[BindServiceMethod(typeof(DecisionSupportBinding), nameof(DecisionSupportBinding.BindService))]
internal sealed class DecisionSupportGrpcService(RuleSetHost host, ServerMetrics metrics, ILogger<DecisionSupportGrpcService> logger)
    : DecisionSupportService.DecisionSupportServiceBase
{
    public override Task<EvaluateResponse> Evaluate(EvaluateRequest request, ServerCallContext context)
    {
        var snapshot = CurrentOrUnavailable(context);
        var started = metrics.Start();
        var evaluation = snapshot.Evaluator.Evaluate(request, context.CancellationToken);
        metrics.Evaluated(started, snapshot.Label);
        if (!evaluation.IsValid)
        {
            throw InvalidArgumentStatus.Create(evaluation.Violations);
        }

        return Task.FromResult(new EvaluateResponse
        {
            RequestId = request.RequestId,
            Result = evaluation.Result,
            RuleSet = snapshot.Identity,
        });
    }

    public override async Task EvaluateBatch(
        IAsyncStreamReader<EvaluateBatchRequest> requestStream,
        IServerStreamWriter<EvaluateBatchResponse> responseStream,
        ServerCallContext context)
    {
        var cancellationToken = context.CancellationToken;
        await foreach (var item in requestStream.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            // A snapshot per item: a long batch picks up a reload, and each answer names its own version.
            var snapshot = CurrentOrUnavailable(context);
            await responseStream.WriteAsync(EvaluateItem(item, snapshot, cancellationToken), cancellationToken).ConfigureAwait(false);
        }
    }

    public override Task<GetRuleSetResponse> GetRuleSet(GetRuleSetRequest request, ServerCallContext context)
    {
        var state = host.State;
        if (state.Current is null || state.RuleSetResponse is null)
        {
            throw Unavailable();
        }

        CallState.SetRuleSet(context, state.Current.Label);
        return Task.FromResult(state.RuleSetResponse);
    }

    public override Task<ListRulesResponse> ListRules(ListRulesRequest request, ServerCallContext context) =>
        Task.FromResult(CurrentOrUnavailable(context).Rules);

    public override Task<GetSourceCatalogResponse> GetSourceCatalog(GetSourceCatalogRequest request, ServerCallContext context) =>
        Task.FromResult(CurrentOrUnavailable(context).Catalog);

    private EvaluateBatchResponse EvaluateItem(EvaluateBatchRequest item, RuleSetSnapshot snapshot, CancellationToken cancellationToken)
    {
        var response = new EvaluateBatchResponse { CaseId = item.CaseId, RuleSet = snapshot.Identity };
        IReadOnlyList<FieldViolation> violations;
        try
        {
            var started = metrics.Start();
            var evaluation = snapshot.Evaluator.Evaluate(item, cancellationToken);
            metrics.Evaluated(started, snapshot.Label);
            if (evaluation.IsValid)
            {
                response.Result = evaluation.Result;
                return response;
            }

            violations = evaluation.Violations;
        }
        catch (EvaluationLimitExceededException)
        {
            // One item's failure must not end the stream: it becomes that item's error.
            logger.EvaluationLimitExceeded(item.CaseId, snapshot.Label);
            response.Error = new BatchItemError { Code = BatchItemErrorCode.Internal, Message = StatusMessages.LimitExceeded };
            return response;
        }

        var error = new BatchItemError { Code = BatchItemErrorCode.InvalidArgument, Message = StatusMessages.InvalidFields(violations) };
        error.Violations.AddRange(violations);
        response.Error = error;
        return response;
    }

    private RuleSetSnapshot CurrentOrUnavailable(ServerCallContext context)
    {
        var current = host.State.Current ?? throw Unavailable();
        CallState.SetRuleSet(context, current.Label);
        return current;
    }

    private static RpcException Unavailable() => new(new Grpc.Core.Status(StatusCode.Unavailable, StatusMessages.NoRuleSet));
}

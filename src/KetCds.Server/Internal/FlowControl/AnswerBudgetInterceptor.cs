using Grpc.Core;
using Grpc.Core.Interceptors;
using KetCds.Contracts.V1;
using KetCds.Server.Internal.Security;

namespace KetCds.Server.Internal.FlowControl;

/// <summary>
/// Admits a unary decision-support call once its answer fits the <see cref="AnswerBudget"/>, before any evaluation. The
/// reservation travels with the call to <see cref="StalledResponseMiddleware"/>, which releases it once the bytes have left.
/// </summary>
internal sealed class AnswerBudgetInterceptor(AnswerBudget budget) : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        var http = context.GetHttpContext();
        if (GrpcStatusResponse.IsDecisionSupportCall(http))
        {
            var kind = request is EvaluateRequest evaluate ? $"{context.Method}#{evaluate.Detail}" : context.Method;
            http.Features.Set(await budget.ReserveAsync(http.Connection.Id, kind, context.CancellationToken).ConfigureAwait(false));
        }

        return await continuation(request, context).ConfigureAwait(false);
    }
}

using Grpc.AspNetCore.Server.Model;
using KetCds.Contracts.V1;

namespace KetCds.Server.Internal.Services;

/// <summary>
/// Gives grpc-dotnet the methods of <see cref="DecisionSupportGrpcService"/> (an <see cref="IServiceMethodProvider{TService}"/>,
/// resolved from the container, so its marshallers can use the server's services): requests whose protobuf cannot be parsed
/// answer INVALID_ARGUMENT (<see cref="MalformedRequest"/>), and the answers of Evaluate and EvaluateBatch are written by
/// <see cref="AnswerEncoder"/>. grpc-dotnet's attribute-driven binding cannot do the second: it calls the bind method
/// without an instance of anything.
/// </summary>
internal sealed class DecisionSupportMethods(AnswerEncoder answers) : IServiceMethodProvider<DecisionSupportGrpcService>
{
    public void OnServiceMethodDiscovery(ServiceMethodProviderContext<DecisionSupportGrpcService> context) =>
        DecisionSupportService.BindService(new DecisionSupportMethodBinder(context, answers), serviceImpl: null);
}

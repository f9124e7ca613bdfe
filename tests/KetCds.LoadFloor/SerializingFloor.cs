using Grpc.AspNetCore.Server.Model;
using Grpc.Core;
using KetCds.Contracts.V1;

namespace KetCds.LoadFloor;

/// <summary>Evaluate answering with the recorded response parsed once and serialized by generated code on every call.</summary>
internal sealed class SerializingFloor(RecordedResponse recorded)
{
    private static readonly Method<EvaluateRequest, EvaluateResponse> EvaluateMethod = new(
        MethodType.Unary,
        ServiceReflection.Descriptor.Services[0].FullName,
        nameof(Evaluate),
        Marshalling.Generated(EvaluateRequest.Parser),
        Marshalling.Generated(EvaluateResponse.Parser));

    private readonly EvaluateResponse _response = EvaluateResponse.Parser.ParseFrom(recorded.Bytes);

    /// <summary>Registers Evaluate with its marshallers; grpc-dotnet calls the invoker on the DI singleton.</summary>
    internal sealed class Methods : IServiceMethodProvider<SerializingFloor>
    {
        public void OnServiceMethodDiscovery(ServiceMethodProviderContext<SerializingFloor> context) =>
            context.AddUnaryMethod(EvaluateMethod, [], static (service, request, call) => service.Evaluate(request, call));
    }

    public Task<EvaluateResponse> Evaluate(EvaluateRequest request, ServerCallContext context) => Task.FromResult(_response);
}

using Grpc.AspNetCore.Server.Model;
using Grpc.Core;
using KetCds.Contracts.V1;

namespace KetCds.LoadFloor;

/// <summary>Evaluate answering with the recorded bytes through a pass-through marshaller: framing and transport only.</summary>
internal sealed class CopyingFloor(RecordedResponse recorded)
{
    private static readonly Method<EvaluateRequest, byte[]> EvaluateMethod = new(
        MethodType.Unary,
        ServiceReflection.Descriptor.Services[0].FullName,
        nameof(Evaluate),
        Marshalling.Generated(EvaluateRequest.Parser),
        Marshallers.Create(static (byte[] bytes) => bytes, static bytes => bytes));

    /// <summary>Registers Evaluate with its marshallers; grpc-dotnet calls the invoker on the DI singleton.</summary>
    internal sealed class Methods : IServiceMethodProvider<CopyingFloor>
    {
        public void OnServiceMethodDiscovery(ServiceMethodProviderContext<CopyingFloor> context) =>
            context.AddUnaryMethod(EvaluateMethod, [], static (service, request, call) => service.Evaluate(request, call));
    }

    public Task<byte[]> Evaluate(EvaluateRequest request, ServerCallContext context) => Task.FromResult(recorded.Bytes);
}

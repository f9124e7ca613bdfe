using Grpc.Core;
using KetCds.Contracts.V1;

namespace KetCds.LoadFloor;

/// <summary>Evaluate answering with the recorded bytes through a pass-through marshaller: framing and transport only.</summary>
[BindServiceMethod(typeof(CopyingFloor), nameof(BindService))]
internal sealed class CopyingFloor(RecordedResponse recorded)
{
    private static readonly Method<EvaluateRequest, byte[]> EvaluateMethod = new(
        MethodType.Unary,
        ServiceReflection.Descriptor.Services[0].FullName,
        nameof(Evaluate),
        Marshalling.Generated(EvaluateRequest.Parser),
        Marshallers.Create(static (byte[] bytes) => bytes, static bytes => bytes));

    public static void BindService(ServiceBinderBase binder, CopyingFloor? service) =>
        binder.AddMethod(EvaluateMethod, service is null ? null : service.Evaluate);

    public Task<byte[]> Evaluate(EvaluateRequest request, ServerCallContext context) => Task.FromResult(recorded.Bytes);
}

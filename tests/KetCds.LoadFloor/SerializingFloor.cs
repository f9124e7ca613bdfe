using Grpc.Core;
using KetCds.Contracts.V1;

namespace KetCds.LoadFloor;

/// <summary>Evaluate answering with the recorded response parsed once and serialized by generated code on every call.</summary>
[BindServiceMethod(typeof(SerializingFloor), nameof(BindService))]
internal sealed class SerializingFloor(RecordedResponse recorded)
{
    private static readonly Method<EvaluateRequest, EvaluateResponse> EvaluateMethod = new(
        MethodType.Unary,
        ServiceReflection.Descriptor.Services[0].FullName,
        nameof(Evaluate),
        Marshalling.Generated(EvaluateRequest.Parser),
        Marshalling.Generated(EvaluateResponse.Parser));

    private readonly EvaluateResponse _response = EvaluateResponse.Parser.ParseFrom(recorded.Bytes);

    public static void BindService(ServiceBinderBase binder, SerializingFloor? service) =>
        binder.AddMethod(EvaluateMethod, service is null ? null : service.Evaluate);

    public Task<EvaluateResponse> Evaluate(EvaluateRequest request, ServerCallContext context) => Task.FromResult(_response);
}

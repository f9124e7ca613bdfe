using Google.Protobuf.Reflection;
using KetCds.Contracts.V1;

namespace KetCds.Client.Internal.Methods;

/// <summary>The ketcds.v1 methods, looked up in the contract's descriptors by their request and response types.</summary>
internal static class ServiceMethods
{
    private static readonly ServiceDescriptor Service =
        ServiceReflection.Descriptor.Services.Single(s => s.Name == "DecisionSupportService");

    public static GrpcMethod Evaluate { get; } = Find(EvaluateRequest.Descriptor, EvaluateResponse.Descriptor, streaming: false);

    public static GrpcMethod EvaluateBatch { get; } = Find(EvaluateBatchRequest.Descriptor, EvaluateBatchResponse.Descriptor, streaming: true);

    public static GrpcMethod GetRuleSet { get; } = Find(GetRuleSetRequest.Descriptor, GetRuleSetResponse.Descriptor, streaming: false);

    public static GrpcMethod ListRules { get; } = Find(ListRulesRequest.Descriptor, ListRulesResponse.Descriptor, streaming: false);

    public static GrpcMethod GetSourceCatalog { get; } = Find(GetSourceCatalogRequest.Descriptor, GetSourceCatalogResponse.Descriptor, streaming: false);

    // grpc.health.v1 is not part of the contract, so its path is the one spelled out by hand.
    public static GrpcMethod HealthCheck { get; } = new("/grpc.health.v1.Health/Check", Idempotent: true);

    private static GrpcMethod Find(MessageDescriptor input, MessageDescriptor output, bool streaming)
    {
        var matches = Service.Methods
            .Where(m => m.InputType == input && m.OutputType == output)
            .ToList();
        if (matches.Count != 1)
        {
            throw new InvalidOperationException(
                $"Expected exactly one method of {Service.FullName} taking {input.FullName} and returning {output.FullName}, found {matches.Count}.");
        }

        var method = matches[0];
        if (method.IsClientStreaming != streaming || method.IsServerStreaming != streaming)
        {
            throw new InvalidOperationException($"{Service.FullName}.{method.Name} does not have the expected streaming shape.");
        }

        // Every unary method of the contract only reads or evaluates; only the stream is excluded from retries.
        return new GrpcMethod($"/{Service.FullName}/{method.Name}", Idempotent: !streaming);
    }
}

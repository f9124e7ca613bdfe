using Grpc.Core;
using KetCds.Contracts.V1;

namespace KetCds.Server.Internal.Services;

/// <summary>
/// Where grpc-dotnet binds <see cref="DecisionSupportGrpcService"/> (named by its <see cref="BindServiceMethodAttribute"/>):
/// the generated binding, with request marshallers that answer a malformed message INVALID_ARGUMENT. The generated ones
/// let protobuf's parse error escape as UNKNOWN ("exception was thrown by handler") with an error log, before any
/// interceptor could turn it into a status the caller can act on.
/// </summary>
internal static class DecisionSupportBinding
{
    /// <summary>The service's descriptor, which grpc-dotnet's reflection service looks up beside the bind method.</summary>
    public static Google.Protobuf.Reflection.ServiceDescriptor Descriptor => DecisionSupportService.Descriptor;

    /// <summary>Binds the service's methods through <see cref="MalformedRequestBinder"/>.</summary>
    /// <remarks>
    /// Typed as the generated base, which grpc-dotnet reads off this signature as the type declaring the service's methods;
    /// its lookup by <see cref="DecisionSupportGrpcService"/> accepts the base-typed parameter.
    /// </remarks>
    public static void BindService(ServiceBinderBase serviceBinder, DecisionSupportService.DecisionSupportServiceBase? service) =>
        DecisionSupportService.BindService(new MalformedRequestBinder(serviceBinder), service);
}

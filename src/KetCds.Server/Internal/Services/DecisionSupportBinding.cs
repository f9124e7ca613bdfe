using Grpc.Core;
using KetCds.Contracts.V1;

namespace KetCds.Server.Internal.Services;

/// <summary>
/// What <see cref="DecisionSupportGrpcService"/>'s <see cref="BindServiceMethodAttribute"/> names. The methods themselves are
/// bound by <see cref="DecisionSupportMethods"/>; the attribute is still needed, for two reasons: grpc-dotnet's reflection
/// service finds the service's descriptor beside the bind method it names, and without it grpc-dotnet would find the
/// generated base class's attribute and bind the generated methods a second time.
/// </summary>
internal static class DecisionSupportBinding
{
    /// <summary>The service's descriptor, which grpc-dotnet's reflection service looks up beside the bind method.</summary>
    public static Google.Protobuf.Reflection.ServiceDescriptor Descriptor => DecisionSupportService.Descriptor;

    /// <summary>Binds nothing: <see cref="DecisionSupportMethods"/> has bound every method already.</summary>
    /// <remarks>
    /// Typed as the generated base, which grpc-dotnet reads off this signature as the type declaring the service's methods.
    /// </remarks>
    public static void BindService(ServiceBinderBase serviceBinder, DecisionSupportService.DecisionSupportServiceBase? service)
    {
    }
}

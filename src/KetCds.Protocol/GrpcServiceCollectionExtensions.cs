using KetCds.Protocol.Internal.Calls;
using KetCds.Protocol.Internal.Health;
using KetCds.Protocol.Internal.Reflection;
using KetCds.Protocol.Internal.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace KetCds.Protocol;

/// <summary>Registers the gRPC protocol layer in dependency injection.</summary>
public static class GrpcServiceCollectionExtensions
{
    /// <summary>Adds the gRPC protocol layer, its options, the health registry and server reflection.</summary>
    public static IServiceCollection AddGrpcProtocol(this IServiceCollection services, Action<GrpcProtocolOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddRouting();
        services.AddOptions<GrpcProtocolOptions>();
        if (configure is not null)
        {
            services.Configure(configure);
        }

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<GrpcRuntime>();
        services.TryAddSingleton<GrpcServiceRegistry>();
        services.TryAddSingleton<HealthStatusRegistry>();
        services.TryAddSingleton<HealthService>();
        services.TryAddSingleton<ReflectionService>();
        services.TryAddSingleton<UnimplementedEndpoint>();
        return services;
    }
}

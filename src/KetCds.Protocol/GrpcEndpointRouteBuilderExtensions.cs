using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;
using Grpc.Health.V1;
using KetCds.Protocol.Internal.Calls;
using KetCds.Protocol.Internal.Health;
using KetCds.Protocol.Internal.Reflection;
using KetCds.Protocol.Internal.Routing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using V1 = Grpc.Reflection.V1;
using V1Alpha = Grpc.Reflection.V1Alpha;

namespace KetCds.Protocol;

/// <summary>Maps proto services to gRPC endpoints at <c>/{package.Service}/{Method}</c>.</summary>
public static class GrpcEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps the methods bound in <paramref name="bind"/> for <paramref name="service"/>, marks the service SERVING in
    /// the health registry and exposes its proto files through reflection. Also maps the built-in services once.
    /// </summary>
    public static IEndpointConventionBuilder MapGrpcService(
        this IEndpointRouteBuilder endpoints,
        ServiceDescriptor service,
        Action<GrpcServiceBinder> bind)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(bind);
        MapGrpcProtocol(endpoints);
        return MapBound(endpoints, service, bind);
    }

    /// <summary>
    /// Maps grpc.health.v1.Health, server reflection (v1 and v1alpha, unless disabled) and the UNIMPLEMENTED
    /// fallback for unmatched gRPC calls. Idempotent; <see cref="MapGrpcService"/> calls it implicitly.
    /// </summary>
    public static IEndpointConventionBuilder MapGrpcProtocol(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var provider = endpoints.ServiceProvider;
        var registry = provider.GetService<GrpcServiceRegistry>()
            ?? throw new InvalidOperationException("Call services.AddGrpcProtocol() before mapping gRPC services.");
        var builders = new CompositeConventionBuilder();
        if (registry.BuiltInsMapped)
        {
            return builders;
        }

        registry.BuiltInsMapped = true;
        var health = provider.GetRequiredService<HealthService>();
        builders.Add(MapBound(endpoints, HealthReflection.Descriptor.Services[0], health.Bind));

        if (provider.GetRequiredService<GrpcRuntime>().Options.EnableReflection)
        {
            var reflection = provider.GetRequiredService<ReflectionService>();
            builders.Add(MapBound(endpoints, V1.ReflectionReflection.Descriptor.Services[0], reflection.BindV1));
            builders.Add(MapBound(endpoints, V1Alpha.ReflectionReflection.Descriptor.Services[0], reflection.BindV1Alpha));
        }

        // A catch-all POST with the lowest priority, so any explicit route of the host still wins.
        var fallback = provider.GetRequiredService<UnimplementedEndpoint>();
        var fallbackBuilder = endpoints.MapPost("/{**path}", fallback.HandleAsync).WithDisplayName("gRPC unimplemented fallback");
        fallbackBuilder.Add(static endpoint => ((RouteEndpointBuilder)endpoint).Order = int.MaxValue);
        builders.Add(fallbackBuilder);
        return builders;
    }

    private static CompositeConventionBuilder MapBound(IEndpointRouteBuilder endpoints, ServiceDescriptor service, Action<GrpcServiceBinder> bind)
    {
        var provider = endpoints.ServiceProvider;
        var binder = new GrpcServiceBinder(service, provider.GetRequiredService<GrpcRuntime>());
        bind(binder);
        if (binder.Handlers.Count == 0)
        {
            throw new InvalidOperationException($"No method of gRPC service {service.FullName} was bound.");
        }

        provider.GetRequiredService<GrpcServiceRegistry>().Add(service);
        provider.GetRequiredService<HealthStatusRegistry>()
            .SetStatus(service.FullName, HealthCheckResponse.Types.ServingStatus.Serving);

        var builders = new CompositeConventionBuilder();
        foreach (var handler in binder.Handlers)
        {
            builders.Add(endpoints.MapPost(handler.Method, handler.HandleAsync).WithDisplayName($"gRPC {handler.Method}"));
        }

        return builders;
    }
}

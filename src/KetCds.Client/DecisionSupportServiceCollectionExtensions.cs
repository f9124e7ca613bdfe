using Grpc.Net.ClientFactory;
using KetCds.Client.Internal;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace KetCds.Client;

/// <summary>Registers <see cref="DecisionSupportClient"/> with Grpc.Net.ClientFactory (IHttpClientFactory-managed handlers).</summary>
public static class DecisionSupportServiceCollectionExtensions
{
    /// <summary>
    /// Registers a transient <see cref="DecisionSupportClient"/> calling <paramref name="address"/>, with the retry policy,
    /// limits and TLS settings of <paramref name="options"/> and one circuit breaker shared by every instance. Returns the
    /// builder so callers can add handlers or interceptors the grpc-dotnet way.
    /// </summary>
    public static IHttpClientBuilder AddDecisionSupportClient(this IServiceCollection services, Uri address, DecisionSupportClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(address);
        options ??= new DecisionSupportClientOptions();
        options.Validate();
        services.TryAddSingleton(options);
        services.TryAddSingleton<DecisionSupportCircuitBreaker>();
        return services
            .AddGrpcClient<DecisionSupportClient>(o => o.Address = address)
            .ConfigureChannel(channel => ChannelSetup.Apply(channel, options, address))
            .ConfigurePrimaryHttpMessageHandler(() => ChannelSetup.Handler(options));
    }
}

using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace KetCds.Audit;

/// <summary>Registers the audit trail with dependency injection.</summary>
public static class AuditServiceCollectionExtensions
{
    /// <summary>Registers <see cref="AuditOptions"/> (from the <c>Audit</c> section) and a singleton <see cref="IAuditTrail"/>.</summary>
    public static IServiceCollection AddAuditTrail(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        // Read now so a bad setting stops startup with a message naming it, not the first call.
        return services.AddAuditTrail(AuditOptions.FromConfiguration(configuration));
    }

    /// <summary>Registers <paramref name="options"/> and a singleton <see cref="IAuditTrail"/> opened with them; disposing the container flushes it.</summary>
    public static IServiceCollection AddAuditTrail(this IServiceCollection services, AuditOptions options)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(options);
        services.AddSingleton<IAuditTrail>(provider => AuditTrailFactory.Create(
            options,
            provider.GetRequiredService<TimeProvider>(),
            provider.GetService<ILoggerFactory>()?.CreateLogger("KetCds.Audit") ?? NullLogger.Instance));
        return services;
    }
}

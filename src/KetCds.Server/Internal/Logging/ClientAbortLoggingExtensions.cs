using Microsoft.Extensions.DependencyInjection.Extensions;

namespace KetCds.Server.Internal.Logging;

/// <summary>Registers <see cref="ClientAbortLoggerFactory"/> in place of the host's logger factory.</summary>
internal static class ClientAbortLoggingExtensions
{
    /// <summary>Replaces <see cref="ILoggerFactory"/> with one that logs a client's mid-request abort as information.</summary>
    public static IServiceCollection AddClientAbortLogging(this IServiceCollection services) =>
        services.Replace(ServiceDescriptor.Singleton<ILoggerFactory>(
            static sp => new ClientAbortLoggerFactory(ActivatorUtilities.CreateInstance<LoggerFactory>(sp))));
}

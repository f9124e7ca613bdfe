using System.Collections.Concurrent;
using Grpc.HealthCheck;
using ServingStatus = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace KetCds.Server.Internal.Health;

/// <summary>
/// The serving status per service name ("" = the whole server), pushed to grpc-dotnet's health service
/// (<see cref="HealthServiceImpl"/>, which answers Check and Watch) the moment it changes, and readable for the
/// ASP.NET Core health check and the tests. A DI singleton.
/// </summary>
internal sealed class HealthStatusRegistry(HealthServiceImpl service)
{
    private readonly ConcurrentDictionary<string, ServingStatus> _statuses = new(StringComparer.Ordinal);

    /// <summary>Sets the status of <paramref name="name"/> ("" = overall); Watch streams see it at once.</summary>
    public void SetStatus(string name, ServingStatus status)
    {
        _statuses[name] = status;
        service.SetStatus(name, status);
    }

    /// <summary>The status last set for <paramref name="name"/>, if any.</summary>
    public bool TryGetStatus(string name, out ServingStatus status) => _statuses.TryGetValue(name, out status);
}

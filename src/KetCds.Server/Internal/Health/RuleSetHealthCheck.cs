using KetCds.Server.Internal.RuleSets;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace KetCds.Server.Internal.Health;

/// <summary>
/// The rule-set state as an ASP.NET Core health check, for HTTP probes (<c>/healthz</c>): healthy while a valid rule
/// set is loaded, the same state that drives grpc.health.v1 through <see cref="HealthStatusRegistry"/>.
/// </summary>
internal sealed class RuleSetHealthCheck(RuleSetHost host) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var current = host.State.Current;
        return Task.FromResult(current is null
            ? HealthCheckResult.Unhealthy(Services.StatusMessages.NoRuleSet)
            : HealthCheckResult.Healthy($"serving {current.Label}"));
    }
}

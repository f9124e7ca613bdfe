using KetCds.Server.Internal.Calls;
using Microsoft.Extensions.Configuration;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace KetCds.Server.Internal.Telemetry;

/// <summary>
/// OpenTelemetry, off unless an OTLP endpoint is configured (the standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> variable):
/// a trace span per call from ASP.NET Core's instrumentation (gRPC method and status, plus the rule-set version), and
/// the server's metrics (<see cref="ServerMetrics"/>) with ASP.NET Core's request metrics. Request bodies are never
/// recorded, so no patient value leaves the process.
/// </summary>
internal static class TelemetrySetup
{
    /// <summary>The configuration key (environment variable) that turns telemetry on.</summary>
    public const string EndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";

    public static bool IsEnabled(IConfiguration configuration) => !string.IsNullOrWhiteSpace(configuration[EndpointKey]);

    public static void Add(IServiceCollection services, IConfiguration configuration)
    {
        if (!IsEnabled(configuration))
        {
            return;
        }

        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName: configuration["OTEL_SERVICE_NAME"] ?? "ketcds-server"))
            .WithTracing(tracing => tracing.AddAspNetCoreInstrumentation(o => o.Filter = static http => http.Request.Path != KetCdsServer.HealthPath))
            .WithMetrics(metrics => metrics.AddAspNetCoreInstrumentation().AddMeter(ServerMetrics.MeterName))
            .UseOtlpExporter();
    }
}

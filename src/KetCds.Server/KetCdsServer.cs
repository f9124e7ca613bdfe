using System.IO.Compression;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Grpc.AspNetCore.Server.Model;
using Grpc.HealthCheck;
using KetCds.Audit;
using KetCds.Server.Internal.Auditing;
using KetCds.CdsHooks;
using KetCds.Server.Internal.Calls;
using KetCds.Server.Internal.CdsHooks;
using KetCds.Server.Internal.Configuration;
using KetCds.Server.Internal.FlowControl;
using KetCds.Server.Internal.Health;
using KetCds.Server.Internal.Hosting;
using KetCds.Server.Internal.Logging;
using KetCds.Server.Internal.RuleSets;
using KetCds.Server.Internal.Security;
using KetCds.Server.Internal.Services;
using KetCds.Server.Internal.Telemetry;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging.Console;

namespace KetCds.Server;

/// <summary>The composition root, shared by Program.cs and the functional tests so both run the same server.</summary>
internal static class KetCdsServer
{
    /// <summary>Where HTTP probes read the rule-set health (HTTP/2, like every call on this port).</summary>
    public const string HealthPath = "/healthz";

    /// <summary>Builds the server from command-line arguments; <paramref name="configure"/> lets tests add providers first.</summary>
    /// <exception cref="KetCdsConfigurationException">A setting is invalid; the message names each key.</exception>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        args = KetCdsOptionsReader.ExpandFlags(args);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args });
        builder.Configuration.AddCommandLine(args, KetCdsOptionsReader.SwitchMappings.ToDictionary());

        // stdout carries only the startup line that scripts wait for; logs go to stderr.
        builder.Services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("Grpc", LogLevel.Warning);
        builder.Services.AddClientAbortLogging();
        configure?.Invoke(builder);

        var options = KetCdsOptionsReader.Read(builder.Configuration);
        // SIGTERM: Kestrel stops accepting, calls in flight get this long to finish, then the container disposes the audit
        // trail, which commits what is queued (flush) before the process exits 0.
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(options.ShutdownGraceSeconds));
        var endpoint = new IPEndPoint(KetCdsOptionsReader.ParseHost(options.Host)!, options.Port);
        var certificate = LoadCertificate(options.Tls);
        var connections = new OpenConnections();
        builder.Services.AddSingleton(connections);
        builder.WebHost.ConfigureKestrel(kestrel => ConfigureKestrel(kestrel, options, endpoint, certificate, connections));
        AddAudit(builder, options);
        builder.Services.AddKetCdsSecurity(options);

        builder.Services.AddGrpc(grpc =>
        {
            grpc.MaxReceiveMessageSize = options.MaxMessageBytes;
            grpc.MaxSendMessageSize = options.MaxMessageBytes;
            grpc.EnableDetailedErrors = false;
            if (options.ResponseCompression is { } algorithm)
            {
                grpc.ResponseCompressionAlgorithm = algorithm;
                grpc.ResponseCompressionLevel = CompressionLevel.Fastest;
            }

            grpc.Interceptors.Add<CallInterceptor>();
            // Inside the call interceptor, so a call withheld for want of its audit record is logged with its status.
            grpc.Interceptors.Add<AuditInterceptor>();
            // Inside both, so a call refused or ended while it waits is still logged and audited; the concurrency slot is
            // taken only once the answer has room, so calls waiting for room hold no slot.
            grpc.Interceptors.Add<AnswerBudgetInterceptor>();
            grpc.Interceptors.Add<ConcurrentCallLimitInterceptor>();
        });
        builder.Services.AddGrpcReflection();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<ServerMetrics>();
        builder.Services.AddSingleton(new StalledResponseSettings(
            TimeSpan.FromSeconds(options.ResponseStallSeconds),
            TimeSpan.FromMilliseconds(options.StalledResponseOverBudgetMilliseconds),
            options.StalledResponseBudgetBytes,
            options.StalledResponseConnectionBudgetBytes));
        builder.Services.AddSingleton<StalledResponseGuard>();
        builder.Services.AddSingleton<AnswerBudget>();
        builder.Services.AddSingleton(new ConcurrentCallLimit(options.Limits));
        builder.Services.AddSingleton<CallInterceptor>();
        builder.Services.AddSingleton(new StatusSizeCap(options.Limits));
        builder.Services.AddSingleton<AuditInterceptor>();
        builder.Services.AddSingleton<HealthServiceImpl>();
        builder.Services.AddSingleton<HealthStatusRegistry>();
        builder.Services.AddHealthChecks().AddCheck<RuleSetHealthCheck>("rule-set");
        builder.Services.AddSingleton(new RuleSetHostSettings(
            Path.GetFullPath(options.Rules),
            TimeSpan.FromMilliseconds(options.ReloadDebounceMilliseconds),
            TimeSpan.FromMilliseconds(options.ReloadPollMilliseconds)) { Engine = options.Engine });
        builder.Services.AddSingleton<RuleSetHost>();
        builder.Services.AddHostedService(static sp => sp.GetRequiredService<RuleSetHost>());
        builder.Services.AddSingleton<DecisionSupportGrpcService>();
        builder.Services.AddSingleton<AnswerEncoder>();
        builder.Services.AddSingleton<IServiceMethodProvider<DecisionSupportGrpcService>, DecisionSupportMethods>();
        CdsHooksSetup.Add(builder, options, endpoint.Address, certificate);
        TelemetrySetup.Add(builder.Services, builder.Configuration);
        builder.Services.TryAddSingleton(new StartupOutput(Console.Out));
        builder.Services.AddHostedService<StartupAnnouncer>();

        var app = builder.Build();
        app.UseMiddleware<GrpcHeaderGuard>();
        app.UseMiddleware<StalledResponseMiddleware>();
        app.UseRouting();
        app.UseCors();
        app.UseMiddleware<AuditBackstopMiddleware>();
        // Authorization first (it authenticates with the policy's schemes), so rate limits can key on the caller.
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseMiddleware<UnaryDeadlineMiddleware>(options.MaxDeadlineSeconds);
        app.MapGrpcService<DecisionSupportGrpcService>().RequireKetCdsScopes();
        app.MapGrpcService<HealthServiceImpl>();
        app.MapGrpcReflectionService().RequireAuthorization(KetCdsSchemes.ReflectionPolicy);
        app.MapHealthChecks(HealthPath);
        app.MapCdsHooks();
        return app;
    }

    private static void ConfigureKestrel(KestrelServerOptions kestrel, KetCdsOptions options, IPEndPoint endpoint, X509Certificate2? certificate, OpenConnections connections)
    {
        kestrel.AddServerHeader = false;

        // Bounds on what clients can make the server hold: connections, streams per connection, and the response bytes
        // buffered per stream while a client's flow-control window is closed (writers wait beyond it).
        kestrel.Limits.MaxConcurrentConnections = options.MaxConnections;
        kestrel.Limits.MaxConcurrentUpgradedConnections = 0;
        kestrel.Limits.Http2.MaxStreamsPerConnection = options.MaxStreamsPerConnection;
        kestrel.Limits.MaxResponseBufferSize = 64 * 1024;
        kestrel.Listen(endpoint, listen =>
        {
            // gRPC only: HTTP/2 with prior knowledge (h2c) in cleartext, or negotiated by ALPN under TLS.
            listen.Protocols = HttpProtocols.Http2;
            listen.Use(connections.Track);
            if (certificate is not null)
            {
                listen.UseHttps(https =>
                {
                    https.ServerCertificate = certificate;
                    https.ConfigureClientCertificates(options.Auth);
                });
            }
        });
    }

    private static void AddAudit(WebApplicationBuilder builder, KetCdsOptions options)
    {
        AuditOptions audit;
        try
        {
            audit = AuditOptions.FromConfiguration(builder.Configuration.GetSection(KetCdsOptions.SectionName));
        }
        catch (FormatException ex)
        {
            throw new KetCdsConfigurationException($"Invalid configuration:{Environment.NewLine}  {KetCdsOptions.SectionName}:{ex.Message}");
        }

        if (options.Audit.Enabled)
        {
            var folder = Path.GetFullPath(options.DataDirectory ?? Directory.GetCurrentDirectory());
            builder.Services.AddAuditTrail(audit with { ConnectionString = AuditTrailFactory.ResolveFilePaths(audit.ConnectionString, folder) });
        }
        else
        {
            builder.Services.AddSingleton(audit);
        }

        builder.Services.AddSingleton<CallAuditor>();
    }

    private static X509Certificate2? LoadCertificate(TlsOptions tls)
    {
        if (tls.CertificatePath is null)
        {
            return null;
        }

        try
        {
            return X509CertificateLoader.LoadPkcs12FromFile(tls.CertificatePath, tls.CertificatePassword);
        }
        catch (CryptographicException ex)
        {
            throw new KetCdsConfigurationException(
                $"Invalid configuration:{Environment.NewLine}  KetCds:Tls:CertificatePath: cannot load '{tls.CertificatePath}' as PKCS#12 with the configured password: {ex.Message}");
        }
    }
}

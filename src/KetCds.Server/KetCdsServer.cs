using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using KetCds.Contracts.V1;
using KetCds.Protocol;
using KetCds.Server.Internal.Configuration;
using KetCds.Server.Internal.Hosting;
using KetCds.Server.Internal.RuleSets;
using KetCds.Server.Internal.Services;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging.Console;

namespace KetCds.Server;

/// <summary>The composition root, shared by Program.cs and the functional tests so both run the same server.</summary>
internal static class KetCdsServer
{
    /// <summary>Builds the server from command-line arguments; <paramref name="configure"/> lets tests add providers first.</summary>
    /// <exception cref="KetCdsConfigurationException">A setting is invalid; the message names each key.</exception>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args });
        builder.Configuration.AddCommandLine(args, KetCdsOptionsReader.SwitchMappings.ToDictionary());

        // stdout carries only the startup line that scripts wait for; logs go to stderr.
        builder.Services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(10));
        configure?.Invoke(builder);

        var options = KetCdsOptionsReader.Read(builder.Configuration);
        var endpoint = new IPEndPoint(KetCdsOptionsReader.ParseHost(options.Host)!, options.Port);
        var certificate = LoadCertificate(options.Tls);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.ListenGrpc(endpoint, certificate);
        });

        builder.Services.AddGrpcProtocol(grpc =>
        {
            grpc.MaxReceiveMessageSize = options.MaxMessageBytes;
            grpc.MaxSendMessageSize = options.MaxMessageBytes;
            grpc.MaxDeadline = TimeSpan.FromSeconds(options.MaxDeadlineSeconds);
        });
        builder.Services.AddSingleton(new RuleSetHostSettings(
            Path.GetFullPath(options.Rules),
            TimeSpan.FromMilliseconds(options.ReloadDebounceMilliseconds),
            TimeSpan.FromMilliseconds(options.ReloadPollMilliseconds)) { Engine = options.Engine });
        builder.Services.AddSingleton<RuleSetHost>();
        builder.Services.AddHostedService(static sp => sp.GetRequiredService<RuleSetHost>());
        builder.Services.AddSingleton<DecisionSupportGrpcService>();
        builder.Services.TryAddSingleton(new StartupOutput(Console.Out));
        builder.Services.AddHostedService<StartupAnnouncer>();

        var app = builder.Build();
        app.MapGrpcService(ServiceReflection.Descriptor.Services[0], app.Services.GetRequiredService<DecisionSupportGrpcService>().Bind);
        return app;
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

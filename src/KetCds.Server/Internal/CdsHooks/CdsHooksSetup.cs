using System.Net;
using System.Security.Cryptography.X509Certificates;
using KetCds.CdsHooks;
using KetCds.Server.Internal.Configuration;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace KetCds.Server.Internal.CdsHooks;

/// <summary>
/// The server's CDS Hooks wiring, kept out of the composition root: settings from <c>KetCds:CdsHooks</c>, the map beside
/// the rules by default, an HTTP/1.1 + HTTP/2 listener of its own when <c>KetCds:CdsHooks:Port</c> is set (the gRPC port
/// is HTTP/2 only: cleartext Kestrel cannot tell an h2c gRPC client from HTTP/1.1 on one port), and anonymous hook calls
/// only when bound to loopback with no EHR configured, like gRPC's zero-config default, for local development.
/// </summary>
internal static class CdsHooksSetup
{
    public const string SectionName = "KetCds:CdsHooks";

    public static void Add(WebApplicationBuilder builder, KetCdsOptions options, IPAddress address, X509Certificate2? certificate)
    {
        var section = builder.Configuration.GetSection(SectionName);
        var listener = new CdsHooksListener { Tls = certificate is not null };
        builder.Services.AddSingleton(listener);
        builder.Services.AddHostedService<CdsHooksAnnouncer>();
        if (section["Port"] is { } text)
        {
            if (!int.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var port) || port is < 0 or > 65535)
            {
                throw new KetCdsConfigurationException($"Invalid configuration:{Environment.NewLine}  {SectionName}:Port: '{text}' is not a port (0 to 65535)");
            }

            builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(address, port, listen =>
            {
                listener.Options = listen;
                listen.Protocols = HttpProtocols.Http1AndHttp2;
                if (certificate is not null)
                {
                    listen.UseHttps(certificate);
                }
            }));
        }

        builder.Services.AddSingleton<ICdsDecisionSource, ServerCdsDecisionSource>();
        builder.Services.AddSingleton<ICdsFeedbackSink, AuditedFeedbackSink>();
        builder.Services.AddKetCdsHooks(hooks =>
        {
            hooks.TerminologyDirectory = Path.Combine(Path.GetFullPath(options.Rules), "terminology");
            section.Bind(hooks);
            hooks.AllowAnonymous = IPAddress.IsLoopback(address) && hooks.Ehrs.Count == 0;
        });
    }
}

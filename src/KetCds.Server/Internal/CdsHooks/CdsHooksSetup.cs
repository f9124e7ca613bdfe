using System.Net;
using System.Security.Cryptography.X509Certificates;
using KetCds.CdsHooks;
using KetCds.Server.Internal.Configuration;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.Options;

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

    /// <summary>The key (in <see cref="SectionName"/>) that turns off the hooks listener's inline scheduling (default on).</summary>
    public const string InlineSchedulingKey = "InlineScheduling";

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

            // Its own endpoint object: the inline transport below binds exactly this one (see CdsHooksTransportFactory).
            var endpoint = new IPEndPoint(address, port);
            if (section.GetValue(InlineSchedulingKey, defaultValue: true))
            {
                // A hook call is about a millisecond of work on a body Kestrel has already read, so the listener runs it on
                // the thread that received it, and sends from there too (Kestrel's inline scheduling), instead of hopping
                // through Kestrel's I/O queue and the thread pool. With the runtime's inline completions (on by default,
                // see Program.cs) that thread is the socket engine's, so a call at 100/s waits for one thread wake-up, not
                // two; the endpoint hands large bodies to the pool (CdsHooksEndpoints.InlineBodyBytes) so that no long
                // parse holds the engine. The gRPC listener keeps the default transport: its calls always go to the pool.
                builder.Services.AddSingleton(services => new CdsHooksTransportFactory(
                    endpoint,
                    new SocketTransportFactory(
                        Options.Create(new SocketTransportOptions { UnsafePreferInlineScheduling = true }),
                        services.GetRequiredService<ILoggerFactory>())));
                builder.Services.AddSingleton<IConnectionListenerFactory>(services => services.GetRequiredService<CdsHooksTransportFactory>());
            }

            builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(endpoint, listen =>
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
        builder.Services.AddSingleton<ICdsCallRecorder, AuditedCallRecorder>();
        builder.Services.AddKetCdsHooks(hooks =>
        {
            hooks.TerminologyDirectory = Path.Combine(Path.GetFullPath(options.Rules), "terminology");
            section.Bind(hooks);
            hooks.AllowAnonymous = IPAddress.IsLoopback(address) && hooks.Ehrs.Count == 0;
        });
    }
}

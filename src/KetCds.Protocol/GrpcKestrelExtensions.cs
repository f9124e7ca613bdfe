using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace KetCds.Protocol;

/// <summary>Kestrel endpoint setup for gRPC.</summary>
public static class GrpcKestrelExtensions
{
    /// <summary>
    /// Listens for gRPC on <paramref name="endpoint"/>: HTTP/2 only, cleartext with prior knowledge (h2c) by default,
    /// or TLS negotiating h2 through ALPN when a <paramref name="certificate"/> is given.
    /// </summary>
    public static KestrelServerOptions ListenGrpc(this KestrelServerOptions options, IPEndPoint endpoint, X509Certificate2? certificate = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(endpoint);
        options.Listen(endpoint, listen =>
        {
            listen.Protocols = HttpProtocols.Http2;
            if (certificate is not null)
            {
                listen.UseHttps(certificate);
            }
        });
        return options;
    }
}

using KetCds.Server.Internal.Hosting;

namespace KetCds.Server.Internal.CdsHooks;

/// <summary>
/// Prints <c>KetCds CDS Hooks on http://HOST:PORT/cds-services</c> once bound, beside the gRPC line, so scripts (interop,
/// load) learn the hook port; worded so the gRPC line's pattern never matches it.
/// </summary>
internal sealed class CdsHooksAnnouncer(CdsHooksListener listener, StartupOutput output, IHostApplicationLifetime lifetime) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() =>
        {
            if (listener.Options?.IPEndPoint is { } endpoint)
            {
                output.Writer.WriteLine($"KetCds CDS Hooks on {(listener.Tls ? "https" : "http")}://{endpoint}/cds-services");
                output.Writer.Flush();
            }
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

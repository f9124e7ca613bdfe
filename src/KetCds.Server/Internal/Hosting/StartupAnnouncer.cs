using KetCds.Server.Internal.RuleSets;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace KetCds.Server.Internal.Hosting;

/// <summary>
/// Prints <c>KetCds listening on http://HOST:PORT (rules NAME@VERSION+HASH12)</c> once Kestrel is bound; scripts wait
/// for this line to learn the port, which is only known after binding when port 0 was asked for.
/// </summary>
internal sealed class StartupAnnouncer(IServer server, RuleSetHost rules, StartupOutput output, IHostApplicationLifetime lifetime)
    : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(Announce);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The bound address, e.g. <c>http://127.0.0.1:50051</c>.</summary>
    public static string BoundAddress(IServer server) =>
        server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
        ?? throw new InvalidOperationException("Kestrel reported no bound address.");

    private void Announce()
    {
        var current = rules.State.Current;
        var ruleSet = current is null ? "rules not loaded: see the log" : $"rules {current.Label}";
        output.Writer.WriteLine($"KetCds listening on {BoundAddress(server)} ({ruleSet})");
        output.Writer.Flush();
    }
}

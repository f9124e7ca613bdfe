using KetCds.Server.Internal.CdsHooks;
using KetCds.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace KetCds.Server.Tests.Internal.Hosting;

/// <summary>The CDS Hooks listener runs on an inline-scheduling transport of its own; the gRPC listener keeps the default.</summary>
public sealed class CdsHooksTransportTests
{
    [Fact]
    public async Task Start_HooksPortSet_OnlyTheHooksListenerBindsThroughTheInlineTransport()
    {
        using var rules = TempRules.CopyOfShipped();

        // Both listeners on port 0, as the load and interop scripts start them: only the endpoint object tells them apart.
        await using var server = await RunningServer.StartAsync(rules.Directory, ["--KetCds:CdsHooks:Port", "0"]);

        Assert.Equal(1, server.Services.GetRequiredService<CdsHooksTransportFactory>().Bound);
        Assert.False(server.Services.GetRequiredService<IOptions<SocketTransportOptions>>().Value.UnsafePreferInlineScheduling);
        var addresses = server.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.ToList();
        Assert.Equal(2, addresses.Count);
        using var http = new HttpClient { BaseAddress = new Uri(addresses[1]) };
        using var discovery = await http.GetAsync(new Uri("/cds-services", UriKind.Relative));
        Assert.Equal(System.Net.HttpStatusCode.OK, discovery.StatusCode);
        // The gRPC listener, bound through the default transport, answers too.
        var ruleSet = await server.Client.GetRuleSetAsync();
        Assert.False(string.IsNullOrEmpty(ruleSet.Identity.Version));
    }

    [Fact]
    public async Task Start_InlineSchedulingOff_HooksListenerUsesTheDefaultTransport()
    {
        using var rules = TempRules.CopyOfShipped();

        await using var server = await RunningServer.StartAsync(rules.Directory, ["--KetCds:CdsHooks:Port", "0", "--KetCds:CdsHooks:InlineScheduling", "false"]);

        Assert.Null(server.Services.GetService<CdsHooksTransportFactory>());
        var addresses = server.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.ToList();
        using var http = new HttpClient { BaseAddress = new Uri(addresses[1]) };
        using var discovery = await http.GetAsync(new Uri("/cds-services", UriKind.Relative));
        Assert.Equal(System.Net.HttpStatusCode.OK, discovery.StatusCode);
    }
}

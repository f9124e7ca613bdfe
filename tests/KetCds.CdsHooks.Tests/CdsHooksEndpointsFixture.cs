using KetCds.CdsHooks.Tests.Infrastructure;

namespace KetCds.CdsHooks.Tests;

/// <summary>One server for the endpoint tests, with a short FHIR fetch budget so the stalled-server test stays quick.</summary>
public sealed class CdsHooksEndpointsFixture : IAsyncLifetime
{
    internal HookServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await HookServer.StartAsync(["--KetCds:CdsHooks:FhirFetchBudget", "00:00:00.500"]);

    public async Task DisposeAsync() => await Server.DisposeAsync();
}

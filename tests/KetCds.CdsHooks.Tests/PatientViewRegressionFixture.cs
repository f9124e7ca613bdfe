using KetCds.CdsHooks.Tests.Infrastructure;

namespace KetCds.CdsHooks.Tests;

/// <summary>One server for every regression hook: starting Kestrel per case would dominate the run.</summary>
public sealed class PatientViewRegressionFixture : IAsyncLifetime
{
    internal HookServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await HookServer.StartAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();
}

namespace KetCds.Server.Tests.Infrastructure;

/// <summary>One server over an untouched copy of the shipped rules, shared by the read-only tests of a class.</summary>
public sealed class ShippedRulesServer : IAsyncLifetime
{
    private TempRules? _rules;
    private RunningServer? _server;

    internal RunningServer Server => _server ?? throw new InvalidOperationException("The server has not started.");

    internal TempRules Rules => _rules ?? throw new InvalidOperationException("The server has not started.");

    public async Task InitializeAsync()
    {
        _rules = TempRules.CopyOfShipped();
        _server = await RunningServer.StartAsync(_rules.Directory);
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        _rules?.Dispose();
    }
}

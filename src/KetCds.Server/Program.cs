using KetCds.Server;
using KetCds.Server.Internal.Configuration;
using KetCds.Server.Internal.Hosting;

// Before anything opens a socket (the runtime reads the switch once). Only the socket engine's dispatch changes: Kestrel
// still hands gRPC calls to the thread pool, and the CDS Hooks listener runs small calls where they arrive (see
// CdsHooksSetup), so a hook call waits for one thread wake-up instead of two.
InlineCompletions.DefaultOn();

try
{
    await using var app = KetCdsServer.Build(args);
    await app.RunAsync();
    return 0;
}
catch (KetCdsConfigurationException ex)
{
    await Console.Error.WriteLineAsync(ex.Message);
    return 2;
}
catch (IOException ex)
{
    // Typically the port is taken; the message names the address.
    await Console.Error.WriteLineAsync($"KetCds could not start: {ex.Message}");
    return 1;
}

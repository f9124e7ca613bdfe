using KetCds.Server;
using KetCds.Server.Internal.Configuration;

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

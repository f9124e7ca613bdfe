using System.Text.RegularExpressions;
using KetCds.Server.Internal.RuleSets;
using KetCds.Server.Tests.Infrastructure;

namespace KetCds.Server.Tests.Internal.Hosting;

public sealed partial class StartupAnnouncerTests
{
    [Fact]
    public async Task Announce_PortZero_PrintsOneLineWithTheBoundPortAndTheRuleSetLabel()
    {
        using var rules = TempRules.CopyOfShipped();
        var identity = rules.LoadIdentity();
        await using var server = await RunningServer.StartAsync(rules.Directory);

        var lines = server.Output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);

        var line = Assert.Single(lines).TrimEnd('\r');
        var match = StartupLine().Match(line);
        Assert.True(match.Success, line);
        Assert.Equal(server.Address.Port, int.Parse(match.Groups["port"].Value, System.Globalization.CultureInfo.InvariantCulture));
        Assert.NotEqual(0, server.Address.Port);
        Assert.Equal(Clinical.RuleSetContracts.Label(identity), match.Groups["rules"].Value);
        Assert.Equal($"{identity.Name}@{identity.Version}+{identity.ContentSha256[..12]}", match.Groups["rules"].Value);
    }

    [GeneratedRegex(@"^KetCds listening on http://127\.0\.0\.1:(?<port>\d+) \(rules (?<rules>[^)]+)\)$")]
    private static partial Regex StartupLine();
}

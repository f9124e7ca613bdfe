using KetCds.Cli.Tests.Support;

namespace KetCds.Cli.Tests;

public sealed class CliAppTests
{
    [Fact]
    public async Task RunAsync_UnknownOption_ExitsTwoWithOneLineErrors()
    {
        using var workspace = new Workspace();

        var result = await workspace.RunAsync("lint", "--bogus");

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("error: ", result.Error, StringComparison.Ordinal);
        Assert.Contains("--bogus", result.Error, StringComparison.Ordinal);
        Assert.Empty(result.Out);
    }

    [Fact]
    public async Task RunAsync_Help_DescribesEveryCommand()
    {
        using var workspace = new Workspace();

        var result = await workspace.RunAsync("--help");

        Assert.Equal(0, result.ExitCode);
        foreach (var command in new[] { "lint", "evaluate", "explain", "replay", "diff", "coverage", "generate-cases" })
        {
            Assert.Contains("  " + command + " ", result.Out, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task RunAsync_MissingRequiredOption_ExitsTwo()
    {
        using var workspace = new Workspace();

        var result = await workspace.RunAsync("diff", "cases");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--from", result.Error, StringComparison.Ordinal);
    }
}

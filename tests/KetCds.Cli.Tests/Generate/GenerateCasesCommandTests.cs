using KetCds.Cli.Tests.Support;

namespace KetCds.Cli.Tests.Generate;

public sealed class GenerateCasesCommandTests
{
    [Fact]
    public async Task GenerateCases_SameSeed_WritesByteIdenticalFiles()
    {
        using var workspace = new Workspace();

        var first = await workspace.RunAsync("generate-cases", "--count", "60", "--out", "gen-a", "--seed", "11");
        var second = await workspace.RunAsync("generate-cases", "--count", "60", "--out", "gen-b", "--seed", "11");

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.True(second.ExitCode == 0, second.ToString());
        var a = Directory.GetFiles(workspace.PathOf("gen-a")).Order(StringComparer.Ordinal).ToList();
        var b = Directory.GetFiles(workspace.PathOf("gen-b")).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(60, a.Count);
        Assert.Equal(a.Select(Path.GetFileName), b.Select(Path.GetFileName));
        Assert.All(a.Zip(b), pair => Assert.Equal(File.ReadAllBytes(pair.First), File.ReadAllBytes(pair.Second)));
    }

    [Fact]
    public async Task GenerateCases_DifferentSeed_DrawsDifferentPatients()
    {
        using var workspace = new Workspace();

        await workspace.RunAsync("generate-cases", "--count", "5", "--out", "gen-a", "--seed", "1");
        await workspace.RunAsync("generate-cases", "--count", "5", "--out", "gen-b", "--seed", "2");

        var a = workspace.Read("gen-a/gen-1-00000.json");
        var b = workspace.Read("gen-b/gen-2-00000.json");
        Assert.NotEqual(a.Replace("gen-1-", "gen-2-", StringComparison.Ordinal).Replace("seed 1", "seed 2", StringComparison.Ordinal), b);
    }

    [Fact]
    public async Task GenerateCases_Corpus_ReplaysCleanAndIncludesRejections()
    {
        using var workspace = new Workspace();

        var generate = await workspace.RunAsync("generate-cases", "--count", "200", "--out", "gen", "--seed", "5");
        var replay = await workspace.RunAsync("replay", "gen");

        Assert.True(generate.ExitCode == 0, generate.ToString());
        Assert.Matches(@"Wrote 200 synthetic cases \(\d+ evaluated, [1-9]\d* rejected\) to gen with seed 5", generate.Out);
        Assert.Contains("not clinical ground truth", generate.Out, StringComparison.Ordinal);
        Assert.True(replay.ExitCode == 0, replay.ToString());
        Assert.Contains(": 200 passed, 0 failed, 0 errors", replay.Out, StringComparison.Ordinal);
        Assert.Contains("\"rejected\"", workspace.Read("gen/gen-5-00000.json") + string.Concat(Directory.GetFiles(workspace.PathOf("gen")).Select(File.ReadAllText)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GenerateCases_HelpText_SaysNotClinicalGroundTruth()
    {
        using var workspace = new Workspace();

        var result = await workspace.RunAsync("generate-cases", "--help");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("NOT clinical", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GenerateCases_ZeroCount_IsAUsageError()
    {
        using var workspace = new Workspace();

        var result = await workspace.RunAsync("generate-cases", "--count", "0", "--out", "gen");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("error: --count must be between 1 and 1000000\n", result.Error);
    }
}

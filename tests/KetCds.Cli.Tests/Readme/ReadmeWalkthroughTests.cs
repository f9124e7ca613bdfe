using System.Text.RegularExpressions;
using KetCds.Cli.Tests.Support;

namespace KetCds.Cli.Tests.Readme;

/// <summary>
/// Runs the README's rule author's walk-through as written, in a copy of the repository's rules and cases, and holds every
/// command's printed output, exit code and written report to what the README shows, so the walk-through cannot drift from
/// the tool again.
/// </summary>
public sealed partial class ReadmeWalkthroughTests : IDisposable
{
    private const string Section = "Rule author's walk-through";
    private const string OldRulesInReadme = "/tmp/rules-before";
    private const string EditedFile = "rules/routes/intravenous.yaml";
    private const string EditedRule = "relief.iv.single.review-hours-to-weeks";
    private const string Original = "relief_max: 2 weeks";
    private const string Typo = "relief_max: 3 weks";
    private const string Fixed = "relief_max: 3 weeks";

    private readonly string _root = Path.Combine(Path.GetTempPath(), "ketcds-readme-" + Guid.NewGuid().ToString("N"));

    private string Repo => Path.Combine(_root, "repo");

    private string OldRules => Path.Combine(_root, "rules-before");

    [Fact]
    public async Task Walkthrough_EveryCommandAsWritten_PrintsWhatTheReadmeShows()
    {
        var blocks = MarkdownSection.Blocks(Path.Combine(RepositoryPaths.Root, "README.md"), Section);
        Arrange();

        var edit = Assert.Single(blocks, static b => b.Info == "sh");
        var editText = string.Join('\n', edit.Lines);
        Assert.Contains($"cp -r rules {OldRulesInReadme}", editText, StringComparison.Ordinal);
        Assert.Contains(EditedRule, editText, StringComparison.Ordinal);
        Assert.Contains($"{Original.Split(": ")[1]}}}   ->   {Typo}", editText, StringComparison.Ordinal);
        Workspace.Copy(Path.Combine(Repo, "rules"), OldRules);
        EditRule(Original, Typo);

        var textBlocks = 0;
        string? lastWritten = null;
        foreach (var block in blocks)
        {
            switch (block.Info.Split(' ')[0])
            {
                case "json":
                    var name = block.Info.Split(' ').ElementAtOrDefault(1);
                    Assert.False(name is null, $"README.md:{block.StartLine}: a json block in the walk-through names its file (```json request.json)");
                    File.WriteAllLines(Path.Combine(Repo, name!), block.Lines);
                    break;
                case "text":
                    lastWritten = await RunTranscriptAsync(block) ?? lastWritten;
                    if (++textBlocks == 1)
                    {
                        // The first transcript shows lint finding the typo; the README then says it was fixed.
                        EditRule(Typo, Fixed);
                    }

                    break;
                case "markdown":
                    Assert.False(lastWritten is null, $"README.md:{block.StartLine}: a Markdown block with no report written before it");
                    var report = File.ReadAllLines(lastWritten!).Select(l => Normalize(l.Replace(OldRules, OldRulesInReadme, StringComparison.Ordinal)));
                    var mismatch = TranscriptMatch.MissingInOrder([.. block.Lines.Select(Normalize)], [.. report]);
                    Assert.True(mismatch is null, $"README.md:{block.StartLine}: {Path.GetFileName(lastWritten)}: {mismatch}");
                    break;
            }
        }

        Assert.True(textBlocks >= 6, $"expected the walk-through's six transcripts, found {textBlocks}");
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless; failing the test over it is not.
        }
    }

    private void Arrange()
    {
        var seeds = Path.GetFullPath(Path.Combine(RepositoryPaths.Root, "..", "shared", "seeds"));
        Assert.True(Directory.Exists(seeds), $"the walk-through checks claims against {seeds}, which does not exist (clone beside shared/)");
        Workspace.Copy(seeds, Path.Combine(_root, "shared", "seeds"));
        Workspace.Copy(RepositoryPaths.Rules, Path.Combine(Repo, "rules"));
        Workspace.Copy(Path.Combine(RepositoryPaths.Root, "tests", "cases"), Path.Combine(Repo, "tests", "cases"));
    }

    private void EditRule(string before, string after)
    {
        var path = Path.Combine(Repo, EditedFile);
        var lines = File.ReadAllLines(path);
        var rule = Array.FindIndex(lines, l => l.TrimEnd().EndsWith("id: " + EditedRule, StringComparison.Ordinal));
        Assert.True(rule >= 0, $"{EditedFile} has no rule {EditedRule}");
        var at = Array.FindIndex(lines, rule, l => l.Contains(before, StringComparison.Ordinal));
        Assert.True(at >= 0, $"rule {EditedRule} has no '{before}'");
        lines[at] = lines[at].Replace(before, after, StringComparison.Ordinal);
        File.WriteAllLines(path, lines);
    }

    /// <summary>Runs each <c>$ ketcds …</c> line of a transcript and compares; returns the last report file a command wrote.</summary>
    private async Task<string?> RunTranscriptAsync(MarkdownBlock block)
    {
        string? written = null;
        CliResult? last = null;
        var i = 0;
        while (i < block.Lines.Count)
        {
            var command = block.Lines[i];
            Assert.True(command.StartsWith("$ ", StringComparison.Ordinal), $"README.md:{block.StartLine + i}: a transcript line that is not a '$ ' command: {command}");
            var expected = new List<string>();
            for (i++; i < block.Lines.Count && !block.Lines[i].StartsWith("$ ", StringComparison.Ordinal); i++)
            {
                expected.Add(block.Lines[i]);
            }

            if (command == "$ echo $?")
            {
                Assert.True(last is not null, $"README.md:{block.StartLine}: 'echo $?' before any command");
                Assert.Equal(Assert.Single(expected), last!.ExitCode.ToString(System.Globalization.CultureInfo.InvariantCulture));
                continue;
            }

            Assert.StartsWith("$ ketcds ", command, StringComparison.Ordinal);
            var args = command["$ ketcds ".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries)
                .Select(a => a.Replace(OldRulesInReadme, OldRules, StringComparison.Ordinal))
                .ToArray();
            last = await Support.Cli.RunAsync(Repo, args);
            var printed = (last.Out + last.Error).Replace(OldRules, OldRulesInReadme, StringComparison.Ordinal).TrimEnd('\n').Split('\n');
            var mismatch = TranscriptMatch.Mismatch([.. expected.Select(Normalize)], [.. printed.Select(Normalize)]);
            Assert.True(mismatch is null, $"README.md:{block.StartLine}: '{command}': {mismatch}\n--- printed\n{last.Out}{last.Error}");
            written = ReportOption(args) is { } report ? Path.Combine(Repo, report) : written;
        }

        return written;
    }

    private static string? ReportOption(string[] args)
    {
        var at = Array.FindIndex(args, static a => a is "--report" or "--output" or "-o");
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
    }

    // A rule set's content hash changes with any edit to any rule file; the README shows one such state, and what the
    // walk-through checks is the commands' behaviour, not which hash the shipped files have today.
    private static string Normalize(string line) => ContentHash().Replace(line, "+<hash>");

    [GeneratedRegex(@"\+[0-9a-f]{12}\b")]
    private static partial Regex ContentHash();
}

using System.Diagnostics;

namespace KetCds.Rules.Tests;

/// <summary>The rules folder is a trust boundary: hostile files are rejected with a clear error, quickly and in bounded memory.</summary>
public sealed class RuleSetFolderBoundaryTests
{
    [Fact]
    public void Load_LinkToAFileOutsideTheFolder_IsNotFollowedAndItsContentIsNeverQuoted()
    {
        using var set = TempRuleSet.Copy();
        var secret = Path.Combine(set.Root, "secret.yaml");
        File.WriteAllText(secret, "rules:\n  - id: top-secret-value\n");
        File.CreateSymbolicLink(Path.Combine(set.Directory, "leak.yaml"), secret);

        var errors = set.Errors();

        Assert.Contains("rules/leak.yaml:1:1: this is a link to a file outside the rule-set folder; links out of the folder are not followed", errors);
        Assert.DoesNotContain(errors, e => e.Contains("top-secret", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_LinkToDevZero_IsNotFollowed()
    {
        using var set = TempRuleSet.Copy();
        File.CreateSymbolicLink(Path.Combine(set.Directory, "zero.yaml"), "/dev/zero");

        Assert.Contains("rules/zero.yaml:1:1: this is a link to a file outside the rule-set folder; links out of the folder are not followed", set.Errors());
    }

    [Fact]
    public void Load_LinkToAnotherFileOfTheFolder_IsRead()
    {
        using var set = TempRuleSet.Copy();
        var risks = Path.Combine(set.Directory, "risks.yaml");
        var moved = Path.Combine(set.Directory, "shared", "risks-body.txt");
        Directory.CreateDirectory(Path.GetDirectoryName(moved)!);
        File.Move(risks, moved);
        File.CreateSymbolicLink(risks, moved);

        Assert.True(set.Load().Succeeded, string.Join("\n", set.Errors()));
    }

    [Fact]
    public void Load_LinkToAFolderOutside_IsListedNotFollowed()
    {
        using var set = TempRuleSet.Copy();
        var outside = Path.Combine(set.Root, "outside");
        Directory.CreateDirectory(outside);
        File.WriteAllText(Path.Combine(outside, "more.yaml"), "rules: []\n");
        Directory.CreateSymbolicLink(Path.Combine(set.Directory, "linked"), outside);

        Assert.True(set.Load().Succeeded, string.Join("\n", set.Errors()));
        var files = RuleSetFiles.Read(set.Directory);
        Assert.True(files.TryGet("linked", out var linked));
        Assert.True(linked.Content.IsEmpty);
        Assert.DoesNotContain(files.Files, f => f.Path.StartsWith("linked/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Load_Fifo_IsReportedWithoutBlocking()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        using var set = TempRuleSet.Copy();
        var fifo = Path.Combine(set.Directory, "pipe.yaml");
        using (var mkfifo = Process.Start("mkfifo", [fifo]))
        {
            mkfifo.WaitForExit();
            Assert.Equal(0, mkfifo.ExitCode);
        }

        // A blocking open would hang this test for good; the timeout turns that into a failure.
        var errors = await Task.Run(set.Errors).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Contains("rules/pipe.yaml:1:1: this is not a regular file (a pipe, socket or device) and is not read", errors);
    }

    [Fact]
    public void Load_AliasBomb_IsRejectedBeforeExpansion()
    {
        using var set = TempRuleSet.Copy();
        var bomb = new System.Text.StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (var i = 1; i <= 30; i++)
        {
            bomb.Append(System.Globalization.CultureInfo.InvariantCulture, $"a{i}: &a{i} [");
            bomb.AppendJoin(", ", Enumerable.Repeat($"*a{i - 1}", 10));
            bomb.Append("]\n");
        }

        set.Write("bomb.yaml", bomb.ToString());

        var errors = set.Errors();

        Assert.Contains(errors, e => e.StartsWith("rules/bomb.yaml:", StringComparison.Ordinal) && e.Contains("with its aliases expanded the file has more than", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_DeepNesting_IsRejected()
    {
        using var set = TempRuleSet.Copy();
        set.Write("deep.yaml", new string('[', 5000) + new string(']', 5000) + "\n");

        Assert.Contains("rules/deep.yaml:1:257: the YAML nests deeper than 256 levels", set.Errors());
    }

    [Fact]
    public void Load_ThousandsOfErrors_ListsTheFirst200AndCountsTheRest()
    {
        using var set = TempRuleSet.Copy();
        var rules = new System.Text.StringBuilder("rules:\n");
        for (var i = 0; i < 3000; i++)
        {
            rules.Append(System.Globalization.CultureInfo.InvariantCulture, $"  - id: broken.{i}\n");
        }

        set.Write("many.yaml", rules.ToString());

        var errors = set.Load().Errors;

        Assert.Equal(201, errors.Length);
        Assert.Matches(@"^\.\.\. and \d+ more errors, not listed; fix the ones above first$", errors[^1].Message);
    }
}

namespace KetCds.Rules.Tests;

public sealed class RuleSetFilesTests
{
    [Fact]
    public void Read_Unchanged_SameFingerprint()
    {
        using var set = TempRuleSet.Copy();
        Assert.Equal(RuleSetFiles.Read(set.Directory).Fingerprint, RuleSetFiles.Read(set.Directory).Fingerprint);
    }

    [Fact]
    public void Read_ContentEdited_DifferentFingerprint()
    {
        using var set = TempRuleSet.Copy();
        var before = RuleSetFiles.Read(set.Directory);
        set.Write("risks.yaml", set.Read("risks.yaml") + "\n# one more line\n");
        Assert.NotEqual(before.Fingerprint, RuleSetFiles.Read(set.Directory).Fingerprint);
    }

    [Fact]
    public void Read_HiddenFile_IsLeftOutOfFilesAndFingerprint()
    {
        using var set = TempRuleSet.Copy();
        var before = RuleSetFiles.Read(set.Directory);
        set.Write(".editor-swap.yaml", "anything");
        var after = RuleSetFiles.Read(set.Directory);
        Assert.Equal(before.Fingerprint, after.Fingerprint);
        Assert.DoesNotContain(after.Files, f => f.Path.Contains(".editor", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_FilesEditedAfterTheyWereRead_ValidatesWhatWasRead()
    {
        using var set = TempRuleSet.Copy();
        var read = RuleSetFiles.Read(set.Directory);
        set.Write("risks.yaml", "rules: [unclosed\n");

        var fromMemory = RuleSetLoader.Load(read);
        var fromDisk = RuleSetLoader.Load(set.Directory);

        Assert.True(fromMemory.Succeeded, string.Join("\n", fromMemory.Errors));
        Assert.False(fromDisk.Succeeded);
    }

    [Fact]
    public void Read_MissingDirectory_NamesTheProblemAndIsIncomplete()
    {
        using var set = TempRuleSet.Empty();
        var read = RuleSetFiles.Read(Path.Combine(set.Root, "nope"));
        Assert.Equal("the rule-set directory does not exist", read.DirectoryProblem);
        Assert.False(read.IsComplete);
        Assert.Empty(read.Files);
    }

    [Fact]
    public void Read_OnlyYamlFilesAreRead_OthersAreListed()
    {
        using var set = TempRuleSet.Copy();
        set.Write("notes.md", "# notes");
        var read = RuleSetFiles.Read(set.Directory);
        Assert.True(read.TryGet("notes.md", out var notes));
        Assert.True(notes.Content.IsEmpty);
        Assert.True(read.TryGet("ruleset.yaml", out var manifest));
        Assert.False(manifest.Content.IsEmpty);
        Assert.True(read.IsComplete);
    }

    [Fact]
    public void Load_FileOverTheSizeLimit_IsAnErrorWithoutReadingItWhole()
    {
        using var set = TempRuleSet.Copy();
        using (var big = File.Create(Path.Combine(set.Directory, "huge.yaml")))
        {
            big.SetLength(17L * 1024 * 1024);
        }

        var errors = set.Errors();

        Assert.Contains("rules/huge.yaml:1:1: the file is larger than 16 MiB", errors);
    }

    [Fact]
    public void Load_Utf8ByteOrderMark_IsAccepted()
    {
        using var set = TempRuleSet.Copy();
        var path = Path.Combine(set.Directory, "risks.yaml");
        File.WriteAllBytes(path, [0xEF, 0xBB, 0xBF, .. File.ReadAllBytes(path)]);
        Assert.True(set.Load().Succeeded, string.Join("\n", set.Errors()));
    }

    [Fact]
    public void Load_InvalidUtf8_IsReportedAtTheFileStartAndOtherFilesAreStillChecked()
    {
        using var set = TempRuleSet.Copy();
        var path = Path.Combine(set.Directory, "risks.yaml");
        var bytes = File.ReadAllBytes(path);
        // A stray continuation byte deep in the file, past the parser's first read.
        bytes[bytes.Length / 2] = 0x80;
        File.WriteAllBytes(path, bytes);
        set.Write("extra.yaml", TempRuleSet.Head + "    when: {pain_scor: 3}\n    then: [derive: {severity: mild}]\n");

        var errors = set.Errors();

        Assert.Contains("rules/risks.yaml:1:1: the file is not valid UTF-8", errors);
        Assert.Contains("rules/extra.yaml:5:12: unknown fact 'pain_scor' (did you mean 'pain_score'?)", errors);
    }

    [Fact]
    public void Load_ByteOrderMarkThenMultiByteText_ReadsTheTextUnchanged()
    {
        using var set = TempRuleSet.Copy();
        var path = Path.Combine(set.Directory, "risks.yaml");
        File.WriteAllBytes(path, [0xEF, 0xBB, 0xBF, .. File.ReadAllBytes(path)]);
        // A title with characters of two, three and four UTF-8 bytes, long enough to cross the decoder's buffer.
        var title = "Ketamin\u00e4 \u2013 " + string.Concat(Enumerable.Repeat("\u00e9\u6f22\ud83d\ude00", 1500));
        set.Write("extra.yaml", TempRuleSet.Head.Replace("title: ", "title: " + title + " ", StringComparison.Ordinal) + "    when: {pain_score: 3}\n    then: [derive: {severity: mild}]\n");

        var load = set.Load();

        Assert.True(load.Succeeded, string.Join("\n", set.Errors()));
        Assert.Contains(load.RuleSet!.Compiled.Model.Rules, r => r.Title.StartsWith(title, StringComparison.Ordinal));
    }
}

namespace KetCds.Rules.Tests;

/// <summary>A copy of a fixture rule set in a fresh temporary directory, to change and load; deleted on dispose.</summary>
internal sealed class TempRuleSet : IDisposable
{
    // Lines 1-4 of every extra rule file below; the rest starts on line 5.
    public const string Head = """
        rules:
          - id: extra.one
            title: Extra
            description: A test rule.

        """;

    private TempRuleSet(string root)
    {
        Root = root;
        Directory = Path.Combine(root, "rules");
    }

    /// <summary>The temporary directory that holds <see cref="Directory"/> and a copy of the document texts.</summary>
    public string Root { get; }

    /// <summary>The rule-set directory.</summary>
    public string Directory { get; }

    /// <summary>The copy of Fixtures/documents.</summary>
    public string Documents => Path.Combine(Root, "documents");

    public static string FixturePath(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    /// <summary>Copies Fixtures/<paramref name="fixture"/> (and the document texts) to a new temporary directory.</summary>
    public static TempRuleSet Copy(string fixture = "valid")
    {
        var root = Path.Combine(Path.GetTempPath(), "ketcds-rules-" + Guid.NewGuid().ToString("N"));
        var set = new TempRuleSet(root);
        CopyTree(FixturePath(fixture), set.Directory);
        CopyTree(FixturePath("documents"), set.Documents);
        return set;
    }

    /// <summary>Creates an empty rule-set directory.</summary>
    public static TempRuleSet Empty()
    {
        var set = new TempRuleSet(Path.Combine(Path.GetTempPath(), "ketcds-rules-" + Guid.NewGuid().ToString("N")));
        System.IO.Directory.CreateDirectory(set.Directory);
        return set;
    }

    /// <summary>The name an error gives a file of this rule set.</summary>
    public string P(string relative) => Directory + "/" + relative;

    public void Write(string relative, string content)
    {
        var path = Path.Combine(Directory, relative);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content.ReplaceLineEndings("\n"));
    }

    public string Read(string relative) => File.ReadAllText(Path.Combine(Directory, relative));

    /// <summary>Replaces exactly one occurrence of <paramref name="old"/> in a file; fails the test when it is not there once.</summary>
    public void Replace(string relative, string old, string replacement)
    {
        var text = Read(relative);
        var at = text.IndexOf(old, StringComparison.Ordinal);
        Assert.True(at >= 0 && text.IndexOf(old, at + 1, StringComparison.Ordinal) < 0, $"'{old}' must occur exactly once in {relative}");
        Write(relative, text[..at] + replacement + text[(at + old.Length)..]);
    }

    public void Delete(string relative) => File.Delete(Path.Combine(Directory, relative));

    public RuleSetLoadResult Load() => RuleSetLoader.Load(Directory);

    /// <summary>Loads and renders every error as <c>file:line:column: message</c> with the rule-set directory shown as "rules".</summary>
    public string[] Errors() => Render(Load().Errors);

    public string[] Render(IEnumerable<RuleSetError> errors) =>
        [.. errors.Select(e => e.ToString().Replace(Directory + "/", "rules/", StringComparison.Ordinal))];

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary directory is harmless; failing the test for it would hide the real result.
        }
    }

    private static void CopyTree(string from, string to)
    {
        foreach (var file in System.IO.Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    /// <summary>Loads the set and asserts it fails with exactly <paramref name="expected"/> (rendered relative to <see cref="Root"/>).</summary>
    public void AssertLoadErrors(params string[] expected)
    {
        var result = Load();

        // Compared as one text so a failure shows every line in full.
        Assert.Equal(string.Join("\n", expected), string.Join("\n", Render(result.Errors)));
        Assert.False(result.Succeeded);
        Assert.Null(result.RuleSet);
    }
}

namespace KetCds.Cli.Tests.Support;

/// <summary>
/// A temporary working directory holding a copy of the shipped rules/ (as <c>rules</c>) and the fixture cases (as
/// <c>cases</c>), so commands run with relative paths exactly as a rule author types them, and tests may edit anything.
/// </summary>
internal sealed class Workspace : IDisposable
{
    public Workspace()
    {
        Root = Path.Combine(Path.GetTempPath(), "ketcds-cli-" + Guid.NewGuid().ToString("N"));
        Copy(RepositoryPaths.Rules, Path.Combine(Root, "rules"));
        Copy(Path.Combine(RepositoryPaths.Fixtures, "cases"), Path.Combine(Root, "cases"));
        Copy(Path.Combine(RepositoryPaths.Fixtures, "requests"), Path.Combine(Root, "requests"));
    }

    public string Root { get; }

    public string PathOf(string relative) => Path.Combine(Root, relative);

    public string Read(string relative) => File.ReadAllText(PathOf(relative));

    public void Write(string relative, string content) => File.WriteAllText(PathOf(relative), content);

    /// <summary>Replaces exactly one occurrence of <paramref name="before"/>; fails the test when the text is not there once.</summary>
    public void Replace(string relative, string before, string after)
    {
        var text = Read(relative);
        var at = text.IndexOf(before, StringComparison.Ordinal);
        Assert.True(at >= 0, $"'{before}' not found in {relative}");
        Write(relative, string.Concat(text.AsSpan(0, at), after, text.AsSpan(at + before.Length)));
    }

    /// <summary>The 1-based line and column where <paramref name="text"/> first occurs in a file.</summary>
    public (int Line, int Column) Position(string relative, string text)
    {
        var lines = File.ReadAllLines(PathOf(relative));
        for (var i = 0; i < lines.Length; i++)
        {
            var column = lines[i].IndexOf(text, StringComparison.Ordinal);
            if (column >= 0)
            {
                return (i + 1, column + 1);
            }
        }

        throw new InvalidOperationException($"'{text}' not found in {relative}");
    }

    public Task<CliResult> RunAsync(params string[] args) => Cli.RunAsync(Root, args);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless; failing the test over it is not.
        }
    }

    public static void Copy(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}

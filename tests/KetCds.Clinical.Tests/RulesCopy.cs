namespace KetCds.Clinical.Tests;

/// <summary>A private copy of the shipped rules/ in a temporary folder, to edit and load; deleted on dispose.</summary>
internal sealed class RulesCopy : IDisposable
{
    private RulesCopy(string directory) => Directory = directory;

    public string Directory { get; }

    public static RulesCopy OfShipped()
    {
        var target = Path.Combine(Path.GetTempPath(), "ketcds-clinical-tests", Guid.NewGuid().ToString("N"));
        foreach (var file in System.IO.Directory.EnumerateFiles(RepositoryPaths.Rules, "*", SearchOption.AllDirectories))
        {
            var copy = Path.Combine(target, Path.GetRelativePath(RepositoryPaths.Rules, file));
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy);
        }

        return new RulesCopy(target);
    }

    /// <summary>Replaces <paramref name="oldText"/> in every YAML file; fails the test when no file had it.</summary>
    public void ReplaceEverywhere(string oldText, string newText) => RuleFiles.ReplaceEverywhere(Directory, oldText, newText);

    /// <summary>The 1-based line of the first line of <paramref name="relativePath"/> that starts with <paramref name="prefix"/>.</summary>
    public int LineOf(string relativePath, string prefix) =>
        Array.FindIndex(File.ReadAllLines(Path.Combine(Directory, relativePath)), line => line.StartsWith(prefix, StringComparison.Ordinal)) + 1;

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover temp folder is harmless.
        }
    }
}

using KetCds.Clinical;
using KetCds.Contracts.V1;
using KetCds.Rules;

namespace KetCds.Server.Tests.Infrastructure;

/// <summary>A private copy of the repository's rules/ in a temp folder, for tests that edit rule files under a running server.</summary>
internal sealed class TempRules : IDisposable
{
    private TempRules(string directory) => Directory = directory;

    public string Directory { get; }

    public static TempRules CopyOfShipped()
    {
        var target = Path.Combine(Path.GetTempPath(), "ketcds-server-tests", Guid.NewGuid().ToString("N"));
        Copy(RepositoryPaths.Rules, target);
        return new TempRules(target);
    }

    public string PathOf(string relativePath) => Path.Combine(Directory, relativePath);

    public string Read(string relativePath) => File.ReadAllText(PathOf(relativePath));

    public void Write(string relativePath, string content) => File.WriteAllText(PathOf(relativePath), content);

    /// <summary>Replaces the single occurrence of <paramref name="oldText"/>; fails the test if it is missing or ambiguous.</summary>
    public void Replace(string relativePath, string oldText, string newText)
    {
        var content = Read(relativePath);
        var first = content.IndexOf(oldText, StringComparison.Ordinal);
        Assert.True(first >= 0, $"'{oldText}' not found in {relativePath}");
        Assert.True(content.IndexOf(oldText, first + 1, StringComparison.Ordinal) < 0, $"'{oldText}' occurs more than once in {relativePath}");
        Write(relativePath, string.Concat(content.AsSpan(0, first), newText, content.AsSpan(first + oldText.Length)));
    }

    /// <summary>Replaces <paramref name="oldText"/> in every YAML file, as a rename across the rule set; fails the test when no file had it.</summary>
    public void ReplaceEverywhere(string oldText, string newText) => RuleFiles.ReplaceEverywhere(Directory, oldText, newText);

    /// <summary>The identity the loader computes for the files as they are now, independently of the server.</summary>
    public RuleSetIdentity LoadIdentity()
    {
        var load = RuleSetLoader.Load(Directory);
        Assert.True(load.Succeeded, string.Join("\n", load.Errors));
        return RuleSetContracts.Identity(load.RuleSet);
    }

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

    private static void Copy(string source, string target)
    {
        System.IO.Directory.CreateDirectory(target);
        foreach (var file in System.IO.Directory.GetFiles(source))
        {
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        }

        foreach (var dir in System.IO.Directory.GetDirectories(source))
        {
            Copy(dir, Path.Combine(target, Path.GetFileName(dir)));
        }
    }
}

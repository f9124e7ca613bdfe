namespace KetCds.Tests.Shared;

/// <summary>Locates the repository's folders from a test's output directory; linked into each test project that needs it.</summary>
internal static class RepositoryPaths
{
    /// <summary>Overrides where the source documents are, for checkouts (such as git worktrees) that do not sit beside shared/.</summary>
    public const string SeedsVariable = "KETCDS_SEEDS";

    /// <summary>The folder that holds KetCds.sln.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The shipped rule set.</summary>
    public static string Rules => Path.Combine(Root, "rules");

    /// <summary>The shipped regression cases.</summary>
    public static string Cases => Path.Combine(Root, "tests", "cases");

    /// <summary>The test project's own Fixtures folder, as copied to its output.</summary>
    public static string Fixtures => Path.Combine(AppContext.BaseDirectory, "Fixtures");

    /// <summary>The source documents live beside the repository, in ../shared/seeds, unless KETCDS_SEEDS says otherwise.</summary>
    public static string Seeds => Environment.GetEnvironmentVariable(SeedsVariable) is { Length: > 0 } overridden
        ? Path.GetFullPath(overridden)
        : Path.GetFullPath(Path.Combine(Root, "..", "shared", "seeds"));

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "KetCds.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("KetCds.sln not found above " + AppContext.BaseDirectory);
    }
}

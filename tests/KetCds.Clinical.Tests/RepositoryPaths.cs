namespace KetCds.Clinical.Tests;

/// <summary>Locates the repository's folders from the test's output directory.</summary>
internal static class RepositoryPaths
{
    /// <summary>Overrides where the source documents are, for checkouts (such as git worktrees) that do not sit beside shared/.</summary>
    public const string SeedsVariable = "KETCDS_SEEDS";

    public static string Root { get; } = FindRoot();

    public static string Rules => Path.Combine(Root, "rules");

    public static string Cases => Path.Combine(Root, "tests", "cases");

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

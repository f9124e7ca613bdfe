namespace KetCds.Audit.Tests.Support;

/// <summary>Locates the repository from the test's output directory.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string PostgresScript => Path.Combine(Root, "tests", "audit", "postgres.sh");

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

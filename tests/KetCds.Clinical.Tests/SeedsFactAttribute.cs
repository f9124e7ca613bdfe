namespace KetCds.Clinical.Tests;

/// <summary>
/// A fact that needs the source documents. xunit 2 has no dynamic skip, so the skip reason is set when the attribute
/// is built: the test shows as skipped, with the folder it looked in, rather than silently passing.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class SeedsFactAttribute : FactAttribute
{
    public SeedsFactAttribute()
    {
        if (!Directory.Exists(RepositoryPaths.Seeds))
        {
            Skip = $"source documents not found at {RepositoryPaths.Seeds}; set {RepositoryPaths.SeedsVariable} to their folder to run this test";
        }
    }
}

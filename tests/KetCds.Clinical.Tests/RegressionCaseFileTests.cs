using KetCds.Clinical.Regression;

namespace KetCds.Clinical.Tests;

public sealed class RegressionCaseFileTests : IDisposable
{
    private const string ValidCase = """{ "id": "one", "title": "t", "request": { "patient": {} }, "expected": { "eligibility": "ELIGIBILITY_STATUS_NEEDS_REVIEW" } }""";

    private readonly string _directory = Directory.CreateTempSubdirectory("ketcds-cases-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_directory, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void Load_BadJson_ErrorNamesTheFile()
    {
        var file = Write("broken.json", "{ \"id\": ");

        var (loaded, error) = RegressionCaseFile.Load(file);

        Assert.Null(loaded);
        Assert.StartsWith(file + ":", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_UnknownField_IsRejected()
    {
        var file = Write("extra.json", ValidCase.Replace("\"title\": \"t\"", "\"title\": \"t\", \"expectedd\": {}", StringComparison.Ordinal));

        var (loaded, error) = RegressionCaseFile.Load(file);

        Assert.Null(loaded);
        Assert.Contains("expectedd", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_NoExpectation_SaysWhatIsMissing()
    {
        var file = Write("none.json", """{ "id": "x", "request": { "patient": {} } }""");

        var (_, error) = RegressionCaseFile.Load(file);

        Assert.Contains("neither an 'expected' decision nor a 'rejected' expectation", error, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadDirectory_DuplicateIds_ReportsBothFiles()
    {
        var first = Write("a/one.json", ValidCase);
        var second = Write("b/one.json", ValidCase);

        var (cases, errors) = RegressionCaseFile.LoadDirectory(_directory);

        Assert.Single(cases);
        var error = Assert.Single(errors);
        Assert.Contains(first, error, StringComparison.Ordinal);
        Assert.Contains(second, error, StringComparison.Ordinal);
        Assert.Contains("'one'", error, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadDirectory_OneBadFile_StillLoadsTheOthers()
    {
        Write("good.json", ValidCase);
        Write("bad.json", "not json");

        var (cases, errors) = RegressionCaseFile.LoadDirectory(_directory);

        Assert.Single(cases);
        Assert.Single(errors);
    }

    [Fact]
    public void Format_EveryShippedCase_IsStoredInCanonicalForm()
    {
        // Cases are written the way Format writes them, so an --update rewrite changes only what changed.
        var (cases, errors) = RegressionCaseFile.LoadDirectory(RepositoryPaths.Cases);
        Assert.True(errors.IsEmpty, string.Join("\n", errors));
        var notCanonical = cases
            .Where(c => RegressionCaseFile.Format(c.Case) != File.ReadAllText(c.File).ReplaceLineEndings("\n"))
            .Select(c => c.File)
            .ToList();

        Assert.True(notCanonical.Count == 0, "not in canonical form:\n" + string.Join("\n", notCanonical));
    }

    [Fact]
    public void Format_ThenLoad_RoundTripsTheCase()
    {
        var (original, _) = RegressionCaseFile.Load(Write("one.json", ValidCase));
        var file = Write("again.json", RegressionCaseFile.Format(original!));

        var (reloaded, error) = RegressionCaseFile.Load(file);

        Assert.Null(error);
        Assert.Equal(original, reloaded);
    }
}

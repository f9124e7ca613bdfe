using System.Collections.Immutable;
using Google.Protobuf;
using KetCds.Contracts.V1;

namespace KetCds.Clinical.Regression;

/// <summary>Reads and writes regression cases: one proto3 JSON <see cref="RegressionCase"/> per <c>.json</c> file.</summary>
public static class RegressionCaseFile
{
    private static readonly JsonParser Parser = new(JsonParser.Settings.Default.WithIgnoreUnknownFields(false));
    private static readonly JsonFormatter Formatter = new(JsonFormatter.Settings.Default.WithIndentation("  "));

    /// <summary>Loads every <c>*.json</c> case under <paramref name="directory"/>, sorted by path; unreadable files become errors, not exceptions.</summary>
    public static (ImmutableArray<(string File, RegressionCase Case)> Cases, ImmutableArray<string> Errors) LoadDirectory(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        if (!Directory.Exists(directory))
        {
            return ([], [$"{directory}: no such directory"]);
        }

        var cases = ImmutableArray.CreateBuilder<(string, RegressionCase)>();
        var errors = ImmutableArray.CreateBuilder<string>();
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(directory, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var (loaded, error) = Load(file);
            if (loaded is null)
            {
                errors.Add(error!);
                continue;
            }

            if (!ids.TryAdd(loaded.Id, file))
            {
                errors.Add($"{file}: case id '{loaded.Id}' is also used by {ids[loaded.Id]}");
                continue;
            }

            cases.Add((file, loaded));
        }

        return (cases.ToImmutable(), errors.ToImmutable());
    }

    /// <summary>Loads one case, or says why it cannot be read.</summary>
    public static (RegressionCase? Case, string? Error) Load(string file)
    {
        try
        {
            var parsed = Parser.Parse<RegressionCase>(File.ReadAllText(file));
            if (string.IsNullOrWhiteSpace(parsed.Id))
            {
                return (null, $"{file}: the case has no id");
            }

            if (parsed.Request is null)
            {
                return (null, $"{file}: the case has no request");
            }

            return parsed.ExpectationCase == RegressionCase.ExpectationOneofCase.None
                ? (null, $"{file}: the case has neither an 'expected' decision nor a 'rejected' expectation")
                : (parsed, null);
        }
        catch (Exception e) when (e is InvalidProtocolBufferException or InvalidJsonException or IOException or UnauthorizedAccessException or FormatException)
        {
            return (null, $"{file}: {e.Message}");
        }
    }

    /// <summary>Formats a case as indented proto3 JSON, the form case files are stored in.</summary>
    public static string Format(RegressionCase regressionCase) => Formatter.Format(regressionCase) + "\n";
}

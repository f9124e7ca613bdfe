using System.Collections.Immutable;
using KetCds.Engine;

namespace KetCds.Rules.Internal;

/// <summary>Collects the errors and warnings of one load; locations are relative to the rule-set directory until rendered.</summary>
internal sealed class Diagnostics(string displayRoot)
{
    /// <summary>Most errors (and, apart, warnings) listed; past that a count. Authors fix the first ones first anyway.</summary>
    public const int MaxListed = 200;

    /// <summary>Most kept in memory: a huge broken file must not turn into gigabytes of diagnostics.</summary>
    private const int MaxKept = 10_000;

    private readonly List<RuleSetError> _errors = [];
    private readonly List<RuleSetError> _warnings = [];
    private int _errorCount;
    private int _warningCount;

    public bool HasErrors => _errorCount > 0;

    public void Error(SourceLocation location, string message, string? suggestion = null) =>
        Keep(_errors, ref _errorCount, Render(location, message, suggestion));

    public void Warning(SourceLocation location, string message, string? suggestion = null) =>
        Keep(_warnings, ref _warningCount, Render(location, message, suggestion));

    /// <summary>An error about the directory itself rather than a file in it.</summary>
    public void DirectoryError(string message) => Keep(_errors, ref _errorCount, new RuleSetError(displayRoot, null, 1, 1, message));

    public ImmutableArray<RuleSetError> Errors => Listed(_errors, _errorCount, "errors");

    public ImmutableArray<RuleSetError> Warnings => Listed(_warnings, _warningCount, "warnings");

    private static void Keep(List<RuleSetError> list, ref int count, RuleSetError item)
    {
        count++;
        if (list.Count < MaxKept)
        {
            list.Add(item);
        }
    }

    private ImmutableArray<RuleSetError> Listed(List<RuleSetError> list, int count, string what)
    {
        var sorted = Sorted(list);
        if (sorted.Length <= MaxListed && count == list.Count)
        {
            return sorted;
        }

        var more = count - list.Count + sorted.Length - MaxListed;
        return [.. sorted.Take(MaxListed), new RuleSetError(displayRoot, null, 1, 1, $"... and {more} more {what}, not listed; fix the ones above first")];
    }

    private RuleSetError Render(SourceLocation location, string message, string? suggestion) =>
        new(displayRoot, location.File, location.Line, location.Column, message, suggestion);

    private static ImmutableArray<RuleSetError> Sorted(List<RuleSetError> list) =>
        [.. list
            .OrderBy(e => e.File, StringComparer.Ordinal)
            .ThenBy(e => e.Line)
            .ThenBy(e => e.Column)
            .ThenBy(e => e.Message, StringComparer.Ordinal)
            .Distinct()];
}

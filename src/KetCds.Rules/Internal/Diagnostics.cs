using System.Collections.Immutable;
using KetCds.Engine;

namespace KetCds.Rules.Internal;

/// <summary>Collects the errors and warnings of one load; locations are relative to the rule-set directory until rendered.</summary>
internal sealed class Diagnostics(string displayRoot)
{
    private readonly List<RuleFileError> _errors = [];
    private readonly List<RuleFileError> _warnings = [];

    public bool HasErrors => _errors.Count > 0;

    /// <summary>The file name an author sees: the directory as the caller gave it, then the relative path.</summary>
    public string Display(string relativePath) => displayRoot + "/" + relativePath;

    public void Error(SourceLocation location, string message, string? suggestion = null) =>
        _errors.Add(Render(location, message, suggestion));

    public void Warning(SourceLocation location, string message, string? suggestion = null) =>
        _warnings.Add(Render(location, message, suggestion));

    /// <summary>An error about the directory itself rather than a file in it.</summary>
    public void DirectoryError(string message) => _errors.Add(new RuleFileError(displayRoot, 1, 1, message));

    public ImmutableArray<RuleFileError> Errors => Sorted(_errors);

    public ImmutableArray<RuleFileError> Warnings => Sorted(_warnings);

    private RuleFileError Render(SourceLocation location, string message, string? suggestion) =>
        new(Display(location.File), location.Line, location.Column, message, suggestion);

    private static ImmutableArray<RuleFileError> Sorted(List<RuleFileError> list) =>
        [.. list
            .OrderBy(e => e.File, StringComparer.Ordinal)
            .ThenBy(e => e.Line)
            .ThenBy(e => e.Column)
            .ThenBy(e => e.Message, StringComparer.Ordinal)
            .Distinct()];
}

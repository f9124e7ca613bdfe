namespace KetCds.Rules;

/// <summary>A problem in a rule-set file, positioned at the offending node; the path stays relative to the rule-set root.</summary>
/// <param name="Root">The rule-set directory as the caller named it, without a trailing separator; swap it with <c>with</c> to show another.</param>
/// <param name="RelativePath">The file's path relative to the root with '/' separators, or null for a problem with the directory itself.</param>
/// <param name="Line">The 1-based line.</param>
/// <param name="Column">The 1-based column.</param>
/// <param name="Message">What is wrong, in words a rule author understands.</param>
/// <param name="Suggestion">A likely intended name, if there is one.</param>
public sealed record RuleSetError(string Root, string? RelativePath, int Line, int Column, string Message, string? Suggestion = null)
{
    /// <summary>The file as an author opens it: the root joined to the relative path with '/', or the root alone.</summary>
    public string File => RelativePath is null ? Root : Root.Length == 0 ? RelativePath : $"{Root}/{RelativePath}";

    /// <summary>Renders the problem as <c>file:line:column: message (did you mean 'x'?)</c>.</summary>
    public override string ToString() =>
        $"{File}:{Line}:{Column}: {Message}" + (Suggestion is null ? string.Empty : $" (did you mean '{Suggestion}'?)");
}

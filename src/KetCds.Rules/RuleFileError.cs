namespace KetCds.Rules;

/// <summary>A problem in a rule-set file, positioned at the offending node.</summary>
/// <param name="File">The file: the rule-set directory as the caller gave it, joined to the file's relative path with '/'.</param>
/// <param name="Line">The 1-based line.</param>
/// <param name="Column">The 1-based column.</param>
/// <param name="Message">What is wrong, in words a rule author understands.</param>
/// <param name="Suggestion">A likely intended name, if there is one.</param>
public sealed record RuleFileError(string File, int Line, int Column, string Message, string? Suggestion = null)
{
    /// <summary>Renders the problem as <c>file:line:column: message (did you mean 'x'?)</c>.</summary>
    public override string ToString() =>
        $"{File}:{Line}:{Column}: {Message}" + (Suggestion is null ? string.Empty : $" (did you mean '{Suggestion}'?)");
}

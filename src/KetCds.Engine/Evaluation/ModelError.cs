namespace KetCds.Engine;

/// <summary>A problem in a rule-set model that prevents it from compiling.</summary>
/// <param name="Code">A stable code for the kind of problem, one of <see cref="ModelErrorCodes"/>.</param>
/// <param name="Message">What is wrong, in words a rule author understands.</param>
/// <param name="Location">Where, if the model element carries a location.</param>
/// <param name="Suggestion">A likely fix, e.g. the nearest known fact name, if there is one.</param>
public sealed record ModelError(string Code, string Message, SourceLocation? Location, string? Suggestion = null)
{
    /// <summary>Renders the error as <c>file:line:column: message (did you mean …?)</c>.</summary>
    public override string ToString()
    {
        var where = Location is null ? string.Empty : Location + ": ";
        var hint = Suggestion is null ? string.Empty : $" (did you mean '{Suggestion}'?)";
        return where + Message + hint;
    }
}

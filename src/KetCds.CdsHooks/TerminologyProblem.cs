namespace KetCds.CdsHooks;

/// <summary>One problem found in a terminology map file.</summary>
/// <param name="File">The file, relative to the terminology directory.</param>
/// <param name="Location">Where in the file, as a FHIRPath-like path (e.g. <c>group[0].element[3].target[0].code</c>).</param>
/// <param name="Message">What is wrong, in plain words.</param>
public sealed record TerminologyProblem(string File, string Location, string Message)
{
    /// <summary>The problem as one line, <c>file: location: message</c>.</summary>
    public override string ToString() => Location.Length == 0 ? $"{File}: {Message}" : $"{File}: {Location}: {Message}";
}

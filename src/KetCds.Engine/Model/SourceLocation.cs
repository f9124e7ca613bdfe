namespace KetCds.Engine;

/// <summary>Where a rule-model element was written, so errors and explanations can point authors at it.</summary>
/// <param name="File">The file path as the authoring layer names it (relative to the rule-set root).</param>
/// <param name="Line">The 1-based line.</param>
/// <param name="Column">The 1-based column.</param>
public sealed record SourceLocation(string File, int Line, int Column)
{
    /// <summary>Renders the location as <c>file:line:column</c>.</summary>
    public override string ToString() => $"{File}:{Line}:{Column}";
}

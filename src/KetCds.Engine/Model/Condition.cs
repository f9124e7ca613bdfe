namespace KetCds.Engine;

/// <summary>A test over facts. Conditions use three-valued logic: over an unknown fact a test is unknown, not false.</summary>
public abstract record Condition
{
    /// <summary>Where the condition was written, if it came from a file.</summary>
    public SourceLocation? Location { get; init; }
}

namespace KetCds.Engine;

/// <summary>What a rule does when it fires.</summary>
public abstract record RuleAction
{
    /// <summary>Where the action was written, if it came from a file.</summary>
    public SourceLocation? Location { get; init; }
}

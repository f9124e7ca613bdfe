using KetCds.Engine.Internal;

namespace KetCds.Engine;

/// <summary>A test over facts. Conditions use three-valued logic: over an unknown fact a test is unknown, not false.</summary>
public abstract record Condition
{
    /// <summary>Where the condition was written, if it came from a file.</summary>
    public SourceLocation? Location { get; init; }

    /// <summary>The names of the facts this condition tests, each once, in the order they first appear.</summary>
    public IEnumerable<string> TestedFacts() => ConditionFacts.Tested(this).Select(t => t.Fact).Distinct(StringComparer.Ordinal);
}

namespace KetCds.Engine.NRules.Internal;

/// <summary>
/// A rule's decided truth in working memory: <see cref="Holds"/> true when it fired, false when its condition was
/// false. A rule with no verdict once its inputs are settled is unknown.
/// </summary>
/// <remarks>A class with reference identity: a rule may hold several false verdicts, one per way it can fail.</remarks>
internal sealed class Verdict(int rule, int stage, bool holds)
{
    public int Rule { get; } = rule;

    /// <summary>The derivation stage of the rule, or -1 for a rule that derives nothing.</summary>
    public int Stage { get; } = stage;

    public bool Holds { get; } = holds;
}

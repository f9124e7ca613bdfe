namespace KetCds.Clinical.Regression;

/// <summary>How one rule fared across a set of evaluations.</summary>
/// <param name="RuleId">The rule's id.</param>
/// <param name="Title">The rule's title.</param>
/// <param name="Fired">Evaluations in which it fired.</param>
/// <param name="False">Evaluations in which its condition was false.</param>
/// <param name="Unknown">Evaluations in which its condition was unknown for missing data.</param>
public sealed record RuleCoverageEntry(string RuleId, string Title, int Fired, int False, int Unknown)
{
    /// <summary>Whether its condition was seen both holding and failing (decision coverage).</summary>
    public bool BothWays => Fired > 0 && (False > 0 || Unknown > 0);
}

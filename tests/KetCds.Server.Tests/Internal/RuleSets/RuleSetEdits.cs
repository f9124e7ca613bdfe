namespace KetCds.Server.Tests.Internal.RuleSets;

/// <summary>Edits of the shipped eligibility.yaml: one that changes meaning, one that breaks it, one that changes nothing.</summary>
internal static class RuleSetEdits
{
    public const string File = "eligibility.yaml";

    /// <summary>A finding text: its wording is part of the rule set's identity.</summary>
    public const string FindingText = "as a second-line option, ketamine";

    public const string EditedFindingText = "as a second-line treatment, ketamine";

    /// <summary>The derive of eligibility.eligible; misspelt, it names a fact the vocabulary does not declare.</summary>
    public const string Derive = "- derive: {eligibility: eligible}";

    public const string BrokenDerive = "- derive: {eligibilty: eligible}";
}

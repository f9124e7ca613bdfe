namespace KetCds.Rules.Tests.Internal;

/// <summary>The name formats of rule sets, versions, rule ids and outcome codes, as the loader reports them.</summary>
public class NamingTests
{
    [Fact]
    public void Load_BadNames_AreReportedWithTheFormat()
    {
        using var set = TempRuleSet.Copy();
        set.Replace("ruleset.yaml", "name: fixture-pain", "name: Fixture Pain");
        set.Replace("ruleset.yaml", "version: 1.2.0", "version: one");
        set.Replace("risks.yaml", "id: risk.bladder", "id: Risk_Bladder");
        set.Replace("risks.yaml", "code: risk.bladder", "code: risk bladder");
        set.AssertLoadErrors(
            "rules/risks.yaml:2:9: rule id 'Risk_Bladder' is not valid: use lower-case letters and digits, separated by '.' or '-'",
            "rules/risks.yaml:8:22: outcome code 'risk bladder' is not valid: use lower-case letters and digits, separated by '.', '_' or '-'",
            "rules/ruleset.yaml:2:7: rule-set name 'Fixture Pain' is not valid: use lower-case letters, digits and '-'",
            "rules/ruleset.yaml:3:10: version 'one' is not valid: write MAJOR.MINOR.PATCH such as 1.0.0, optionally with a -pre-release or +build suffix");
    }
}

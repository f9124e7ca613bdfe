namespace KetCds.Rules.Tests.Internal;

/// <summary>The errors of this step as <see cref="RuleSetLoader"/> reports them for a whole rule set.</summary>
public partial class LoadPipelineTests
{
    [Fact]
    public void Load_ManifestAndVocabularyMissing_ReportsBoth()
    {
        using var set = TempRuleSet.Copy();
        set.Delete("ruleset.yaml");
        set.Delete("vocabulary.yaml");
        set.AssertLoadErrors(
            "rules/ruleset.yaml:1:1: the rule set has no manifest: create ruleset.yaml with its name, version and description",
            "rules/vocabulary.yaml:1:1: the rule set has no vocabulary: create vocabulary.yaml declaring its facts");
    }

    [Fact]
    public void Load_UnderivedFact_IsReportedAtItsDeclaration()
    {
        using var set = TempRuleSet.Copy();
        set.Replace("vocabulary.yaml", "facts:\n", "facts:\n  responder:\n    type: boolean\n    derived: true\n    description: Responded before.\n");
        set.AssertLoadErrors("rules/vocabulary.yaml:3:3: derived fact 'responder' is not produced by any rule");
    }

    [Fact]
    public void Load_DeriveInputFactAndRequestDerivedFact_AreReportedAtTheFact()
    {
        using var set = TempRuleSet.Copy();
        set.Write("extra.yaml", TempRuleSet.Head + """
                when: {pain_score: 3}
                then:
                  - derive: {bladder_problems: true}
                  - request: {fact: severity, reason: Needed.}
            """);
        set.AssertLoadErrors(
            "rules/extra.yaml:7:18: rule 'extra.one' derives 'bladder_problems', which is an input fact; declare a separate derived fact",
            "rules/extra.yaml:8:25: rule 'extra.one' requests 'severity', which is derived; only input facts can be requested");
    }

    [Fact]
    public void Load_CycleThroughNegation_IsReportedAtTheRule()
    {
        using var set = TempRuleSet.Copy();
        set.Replace("vocabulary.yaml", "facts:\n", "facts:\n  a_fact: {type: boolean, derived: true, description: A.}\n  b_fact: {type: boolean, derived: true, description: B.}\n");
        set.Write("extra.yaml", """
            rules:
              - id: extra.a
                title: A
                description: A unless B.
                when: {not: {b_fact: true}}
                then: [derive: {a_fact: true}]
              - id: extra.b
                title: B
                description: B when A.
                when: {a_fact: true}
                then: [derive: {b_fact: true}]
            """);
        set.AssertLoadErrors("rules/extra.yaml:2:5: rule 'extra.a' tests 'b_fact' negatively, but 'b_fact' depends on what this rule derives (cycle through a_fact -> b_fact); break the cycle or test a fact derived earlier");
    }

    [Fact]
    public void Load_DuplicateRuleIdAcrossFiles_IsReportedAtTheLaterRule()
    {
        using var set = TempRuleSet.Copy();
        set.Write("extra.yaml", """
            rules:
              - id: risk.bladder
                title: Again
                description: The same id as in risks.yaml.
                when: {pain_score: 3}
                then: [derive: {severity: mild}]
            """);
        set.AssertLoadErrors("rules/risks.yaml:2:5: rule id 'risk.bladder' is used by more than one rule");
    }

    [Fact]
    public void Load_ErrorsInSeveralFiles_AreAllReportedSortedByFileLineAndColumn()
    {
        using var set = TempRuleSet.Copy();
        set.Replace("vocabulary.yaml", "    type: duration\n    description: How long", "    type: span\n    description: How long");
        set.Replace("sources/doc.yaml", "topic: maintenance", "topic: upkeep");
        set.Replace("severity.yaml", "between: [7, 10]", "between: [7, ten]");
        set.Replace("ruleset.yaml", "version: 1.2.0", "version: v1");
        set.Replace("eligibility/chronic.yaml", "title: Chronic pain", "tittle: Chronic pain");
        string[] expected =
        [
            "rules/eligibility/chronic.yaml:3:5: a rule is missing required key 'title'",
            "rules/eligibility/chronic.yaml:4:5: unknown key 'tittle' in a rule (did you mean 'title'?)",
            "rules/ruleset.yaml:3:10: version 'v1' is not valid: write MAJOR.MINOR.PATCH such as 1.0.0, optionally with a -pre-release or +build suffix",
            "rules/severity.yaml:5:38: fact 'pain_score' is an integer: write a whole number, not 'ten'",
            "rules/sources/doc.yaml:32:12: unknown topic 'upkeep' (allowed: eligibility, condition, duration, route, maintenance, risk, benefit, interaction, mechanism, evidence-quality, adjunct, setting, promotion)",
            "rules/vocabulary.yaml:4:11: unknown type 'span' (types: boolean, integer, decimal, enum, set, duration, date)",
        ];
        set.AssertLoadErrors(expected);
        Assert.Equal(expected, set.Errors());
    }

    [Fact]
    public void Load_ManifestMissing_StillChecksEverythingElse()
    {
        using var set = TempRuleSet.Copy();
        set.Delete("ruleset.yaml");
        set.Replace("risks.yaml", "when: {bladder_problems: true}", "when: {bladder_problem: true}");
        set.AssertLoadErrors(
            "rules/risks.yaml:6:12: unknown fact 'bladder_problem' (did you mean 'bladder_problems'?)",
            "rules/ruleset.yaml:1:1: the rule set has no manifest: create ruleset.yaml with its name, version and description");
    }

    [Fact]
    public void Load_VocabularyUnreadable_DoesNotReportEveryFactAsUnknown()
    {
        using var set = TempRuleSet.Copy();
        set.Write("vocabulary.yaml", "facts: [oops\n");
        var errors = set.Errors();
        Assert.Single(errors);
        Assert.StartsWith("rules/vocabulary.yaml:", errors[0], StringComparison.Ordinal);
    }
}

namespace KetCds.Rules.Tests;

public class RuleSetLoaderTests
{
    // Lines 1-4 of every extra rule file below; the rest starts on line 5.
    private const string Head = """
        rules:
          - id: extra.one
            title: Extra
            description: A test rule.

        """;

    [Fact]
    public void Load_ValidFixture_Succeeds()
    {
        using var set = TempRuleSet.Copy();
        var result = set.Load();
        Assert.Empty(set.Render(result.Errors));
        Assert.Empty(set.Render(result.Warnings));
        Assert.True(result.Succeeded);
        Assert.Equal("fixture-pain", result.RuleSet.Manifest.Name);
        Assert.Equal("1.2.0", result.RuleSet.Identity.Version);
        Assert.Equal(7, result.RuleSet.Compiled.Model.Rules.Length);
        Assert.Same(set.Directory, result.RuleSet.Directory);
    }

    [Fact]
    public void Load_ValidFixture_PositionsModelElementsRelativeToTheDirectory()
    {
        using var set = TempRuleSet.Copy();
        var rule = set.Load().RuleSet!.Compiled.FindRule("risk.bladder")!;
        Assert.Equal("risks.yaml:2:5", rule.Location!.ToString());
        Assert.Equal("risks.yaml:6:12", rule.When.Location!.ToString());
        Assert.Equal("risks.yaml:8:9", rule.Then[0].Location!.ToString());
        var fact = set.Load().RuleSet!.Compiled.FindFact("pain_score")!;
        Assert.Equal("vocabulary.yaml:6:3", fact.Location!.ToString());
    }

    [Fact]
    public void Load_MissingDirectory_ReportsTheDirectory()
    {
        using var set = TempRuleSet.Empty();
        var missing = Path.Combine(set.Root, "nope");
        var result = RuleSetLoader.Load(missing);
        Assert.False(result.Succeeded);
        Assert.Equal([$"{missing}:1:1: the rule-set directory does not exist"], result.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void Load_ManifestAndVocabularyMissing_ReportsBoth()
    {
        using var set = TempRuleSet.Copy();
        set.Delete("ruleset.yaml");
        set.Delete("vocabulary.yaml");
        AssertErrors(
            set,
            "rules/ruleset.yaml:1:1: the rule set has no manifest: create ruleset.yaml with its name, version and description",
            "rules/vocabulary.yaml:1:1: the rule set has no vocabulary: create vocabulary.yaml declaring its facts");
    }

    [Fact]
    public void Load_DirectoryGivenWithTrailingSlash_NamesFilesWithOneSlash()
    {
        using var set = TempRuleSet.Copy();
        set.Delete("ruleset.yaml");
        var result = RuleSetLoader.Load(set.Directory + "/");
        Assert.Equal(set.Directory + "/ruleset.yaml", result.Errors.Single().File);
    }

    [Fact]
    public void Load_YamlSyntaxError_IsPositionedAndOtherFilesAreStillChecked()
    {
        using var set = TempRuleSet.Copy();
        set.Write("a-broken.yaml", "rules:\n  - id: [unclosed\n    title: x\n");
        set.Write("extra.yaml", Head + "    when: {pain_scor: 3}\n    then: [derive: {severity: mild}]\n");
        set.Write("b-broken.yaml", "rules:\n  - id: a\n   title: b\n");
        AssertErrors(
            set,
            "rules/a-broken.yaml:2:9: YAML syntax error: the file cannot be read past this point; look for an unclosed '[' or '{', or a stray ':'",
            "rules/b-broken.yaml:3:4: YAML syntax error: While parsing a block collection, did not find expected '-' indicator",
            "rules/extra.yaml:5:12: unknown fact 'pain_scor' (did you mean 'pain_score'?)");
    }

    [Fact]
    public void Load_TwoYamlDocumentsInAFile_IsAnError()
    {
        using var set = TempRuleSet.Copy();
        set.Write("extra.yaml", "rules: []\n---\nrules: []\n");
        AssertErrors(set, "rules/extra.yaml:3:1: a rule-set file holds one YAML document; remove the '---' separator and what follows or move it to its own file");
    }

    [Fact]
    public void Load_EmptyRuleFile_IsAnError()
    {
        using var set = TempRuleSet.Copy();
        set.Write("extra.yaml", "# nothing yet\n");
        AssertErrors(set, "rules/extra.yaml:1:1: the rule file is empty; it must hold 'rules:' and a list of rules");
    }

    [Fact]
    public void Load_UnknownKey_SuggestsTheNearestAllowedKey()
    {
        using var set = TempRuleSet.Copy();
        set.Write("extra.yaml", """
            rules:
              - id: extra.one
                titel: Typo
                description: A rule with a typo.
                when: {pain_score: 3}
                then:
                  - derive: {severity: mild}
            """);
        AssertErrors(
            set,
            "rules/extra.yaml:2:5: a rule is missing required key 'title'",
            "rules/extra.yaml:3:5: unknown key 'titel' in a rule (did you mean 'title'?)");
    }

    [Fact]
    public void Load_UnknownKeyWithNothingNear_ListsTheAllowedKeys()
    {
        using var set = TempRuleSet.Copy();
        set.Replace("ruleset.yaml", "version: 1.2.0\n", "version: 1.2.0\nzzzzzzzz: 1\n");
        AssertErrors(set, "rules/ruleset.yaml:4:1: unknown key 'zzzzzzzz' in the manifest (allowed: name, version, description)");
    }

    [Fact]
    public void Load_MissingRequiredKey_IsReportedAtTheMapping()
    {
        using var set = TempRuleSet.Copy();
        set.Write("extra.yaml", Head + "    then: [derive: {severity: mild}]\n");
        AssertErrors(set, "rules/extra.yaml:2:5: a rule is missing required key 'when'");
    }

    [Fact]
    public void Load_WrongShape_NamesTheExpectedShape()
    {
        using var set = TempRuleSet.Copy();
        set.Write("extra.yaml", Head + "    when: {pain_score: 3}\n    then: {derive: {severity: mild}}\n");
        AssertErrors(set, "rules/extra.yaml:6:11: 'then' of rule 'extra.one' must be a list, but is a mapping");
    }

    [Fact]
    public void Load_ConditionWithTwoKeys_IsAnError()
    {
        using var set = TempRuleSet.Copy();
        set.Write("extra.yaml", Head + "    when: {pain_score: 3, care_goal: initial}\n    then: [derive: {severity: mild}]\n");
        AssertErrors(set, "rules/extra.yaml:5:27: a condition has exactly one key, but this one has 2; list several conditions under 'all:' (or as a list)");
    }

    [Fact]
    public void Load_UnknownFactInCondition_IsReportedOnceWithSuggestion()
    {
        using var set = TempRuleSet.Copy();
        set.Write("extra.yaml", Head + """
                when:
                  all:
                    - pain_scor: {at_least: 3, at_most: 5}
                    - absent: liver_dysfuncton
                then:
                  - derive: {severity: mild}
            """);
        AssertErrors(
            set,
            "rules/extra.yaml:7:11: unknown fact 'pain_scor' (did you mean 'pain_score'?)",
            "rules/extra.yaml:8:19: unknown fact 'liver_dysfuncton' (did you mean 'liver_dysfunction'?)");
    }

    [Fact]
    public void Load_MisspeltCombinator_SuggestsTheReservedWord()
    {
        using var set = TempRuleSet.Copy();
        set.Write("extra.yaml", Head + "    when: {alll: [pain_score: 3]}\n    then: [derive: {severity: mild}]\n");
        AssertErrors(set, "rules/extra.yaml:5:12: unknown fact 'alll' (did you mean 'all'?)");
    }

    [Fact]
    public void Load_UnknownOperator_SuggestsTheNearestOperator()
    {
        using var set = TempRuleSet.Copy();
        set.Write("extra.yaml", Head + "    when: {pain_score: {at_lest: 3}}\n    then: [derive: {severity: mild}]\n");
        AssertErrors(set, "rules/extra.yaml:5:25: unknown operator 'at_lest' (did you mean 'at_least'?)");
    }

    [Fact]
    public void Load_OperatorOnWrongType_SaysWhichTypesItTakes()
    {
        using var set = TempRuleSet.Copy();
        set.Write("extra.yaml", Head + """
                when:
                  - bladder_problems: {at_least: 1}
                  - care_goal: {contains_any: [initial]}
                  - conditions: {in: [crps]}
                then: [derive: {severity: mild}]
            """);
        AssertErrors(
            set,
            "rules/extra.yaml:6:28: 'at_least' cannot test fact 'bladder_problems', which is a boolean; order comparisons apply to integer, decimal, duration and date facts",
            "rules/extra.yaml:7:21: 'contains_any' cannot test fact 'care_goal', which is an enum; use 'in' or 'not_in' on an enum",
            "rules/extra.yaml:8:22: 'in' cannot test fact 'conditions', which is a set; use contains_any, contains_all or contains_none on a set");
    }

    [Fact]
    public void Load_LiteralOfWrongType_IsReportedAtTheValue()
    {
        using var set = TempRuleSet.Copy();
        set.Write("extra.yaml", Head + """
                when:
                  - pain_score: high
                  - pain_duration: {at_least: 3 moons}
                  - last_infusion: {before: 2024-01-01}
                  - last_infusion: {greater_than: 01/02/2024}
                  - weight_kg: {between: [40, heavy]}
                  - bladder_problems: yes
                  - conditions: crps
                  - care_goal: [initial]
                then: [derive: {severity: mild}]
            """);
        AssertErrors(
            set,
            "rules/extra.yaml:6:21: fact 'pain_score' is an integer: write a whole number, not 'high'",
            "rules/extra.yaml:7:35: fact 'pain_duration' is a duration: write a number and a unit (hours, days, weeks, months, years) such as '3 months', not '3 moons'",
            "rules/extra.yaml:8:25: unknown operator 'before' (operators: equals, not_equals, less_than, at_most, greater_than, at_least, between, in, not_in, contains_any, contains_all, contains_none)",
            "rules/extra.yaml:9:39: fact 'last_infusion' is a date: write YYYY-MM-DD, not '01/02/2024'",
            "rules/extra.yaml:10:35: fact 'weight_kg' is a decimal: write a number such as 2.5, not 'heavy'",
            "rules/extra.yaml:11:27: fact 'bladder_problems' is a boolean: write true or false, not 'yes'",
            "rules/extra.yaml:12:21: fact 'conditions' is a set: write a list such as [a, b], not the text 'crps'",
            "rules/extra.yaml:13:20: fact 'care_goal' takes a single enum value, not a list; to allow several values use 'in: [a, b]'");
    }

    [Fact]
    public void Load_UnknownEnumValue_SuggestsTheNearestValue()
    {
        using var set = TempRuleSet.Copy();
        set.Write("extra.yaml", Head + """
                when:
                  - care_goal: maintenence
                  - conditions: {contains_any: [crps, fibromyalga]}
                then: [derive: {severity: mild}]
            """);
        AssertErrors(
            set,
            "rules/extra.yaml:6:20: 'maintenence' is not an allowed value of fact 'care_goal' (allowed: initial, maintenance) (did you mean 'maintenance'?)",
            "rules/extra.yaml:7:43: 'fibromyalga' is not an allowed value of fact 'conditions' (allowed: crps, fibromyalgia, migraine, neuropathy) (did you mean 'fibromyalgia'?)");
    }

    [Fact]
    public void Load_BadDerivation_IsReportedWithoutCallingTheFactUnderived()
    {
        using var set = TempRuleSet.Copy();
        set.Replace("severity.yaml", "derive: {severity: severe}", "derive: {severity: sever}");
        set.Replace("severity.yaml", "derive: {severity: mild}", "derive: {severity: 3}");
        AssertErrors(
            set,
            "rules/severity.yaml:7:28: 'sever' is not an allowed value of fact 'severity' (allowed: mild, severe) (did you mean 'severe'?)",
            "rules/severity.yaml:14:28: '3' is not an allowed value of fact 'severity' (allowed: mild, severe)");
    }

    [Fact]
    public void Load_UnknownAttributeAndBadAttributeValue_AreReported()
    {
        using var set = TempRuleSet.Copy();
        set.Write("extra.yaml", Head + """
                cites: [doc.refractory]
                when: {pain_score: 3}
                then:
                  - recommend: {code: x.y, text: T, attributes: {rout: iv}}
                  - finding: {code: x.z, text: T, attributes: {route: oral, infusions: 2.5}}
            """);
        AssertErrors(
            set,
            "rules/extra.yaml:8:54: unknown attribute 'rout' (did you mean 'route'?)",
            "rules/extra.yaml:9:59: 'oral' is not an allowed value of attribute 'route' (allowed: iv, intranasal)",
            "rules/extra.yaml:9:76: attribute 'infusions' is an integer: write a whole number, not '2.5'");
    }

    [Fact]
    public void Load_UnknownAction_SuggestsTheNearestAction()
    {
        using var set = TempRuleSet.Copy();
        set.Write("extra.yaml", Head + "    when: {pain_score: 3}\n    then: [derve: {severity: mild}]\n");
        AssertErrors(set, "rules/extra.yaml:6:12: unknown action 'derve' (did you mean 'derive'?)");
    }

    [Fact]
    public void Load_BadNames_AreReportedWithTheFormat()
    {
        using var set = TempRuleSet.Copy();
        set.Replace("ruleset.yaml", "name: fixture-pain", "name: Fixture Pain");
        set.Replace("ruleset.yaml", "version: 1.2.0", "version: one");
        set.Replace("risks.yaml", "id: risk.bladder", "id: Risk_Bladder");
        set.Replace("risks.yaml", "code: risk.bladder", "code: risk bladder");
        AssertErrors(
            set,
            "rules/risks.yaml:2:9: rule id 'Risk_Bladder' is not valid: use lower-case letters and digits, separated by '.' or '-'",
            "rules/risks.yaml:8:22: outcome code 'risk bladder' is not valid: use lower-case letters and digits, separated by '.', '_' or '-'",
            "rules/ruleset.yaml:2:7: rule-set name 'Fixture Pain' is not valid: use lower-case letters, digits and '-'",
            "rules/ruleset.yaml:3:10: version 'one' is not valid: write MAJOR.MINOR.PATCH such as 1.0.0, optionally with a -pre-release or +build suffix");
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
        AssertErrors(set, "rules/risks.yaml:2:5: rule id 'risk.bladder' is used by more than one rule");
    }

    [Fact]
    public void Load_DuplicateFact_IsReportedAtTheSecondKey()
    {
        using var set = TempRuleSet.Copy();
        set.Replace("vocabulary.yaml", "facts:\n", "facts:\n  pain_score:\n    type: decimal\n    description: Again.\n");
        AssertErrors(set, "rules/vocabulary.yaml:9:3: key 'pain_score' appears more than once in this mapping");
    }

    [Fact]
    public void Load_VocabularyDeclarationErrors_AreReportedWithoutCascading()
    {
        using var set = TempRuleSet.Copy();
        set.Replace("vocabulary.yaml", "    type: integer\n    description: Pain intensity", "    type: integr\n    description: Pain intensity");
        set.Replace("vocabulary.yaml", "    type: decimal\n    unit: kg\n", "    type: decimal\n    unit: kg\n    values: [light]\n");
        set.Replace("vocabulary.yaml", "  bladder_problems:\n    type: boolean\n", "  bladder_problems:\n    type: boolean\n    unit: episodes\n");
        set.Replace("vocabulary.yaml", "facts:\n", "facts:\n  not:\n    type: boolean\n    description: Reserved.\n  Bad-Name:\n    type: boolean\n    description: Bad.\n  stage:\n    type: enum\n    description: No values.\n");
        AssertErrors(
            set,
            "rules/vocabulary.yaml:3:3: 'not' is a reserved word of the condition language and cannot name a fact",
            "rules/vocabulary.yaml:6:3: fact name 'Bad-Name' is not valid: use lower-case letters, digits and '_', starting with a letter",
            "rules/vocabulary.yaml:10:5: fact 'stage' is an enum and must list its allowed 'values'",
            "rules/vocabulary.yaml:16:11: unknown type 'integr' (did you mean 'integer'?)",
            "rules/vocabulary.yaml:21:5: fact 'weight_kg' is a decimal; only enum and set values are listed under 'values'",
            "rules/vocabulary.yaml:36:5: fact 'bladder_problems' is a boolean; only integer and decimal values have a unit");
    }

    [Fact]
    public void Load_UnderivedFact_IsReportedAtItsDeclaration()
    {
        using var set = TempRuleSet.Copy();
        set.Replace("vocabulary.yaml", "facts:\n", "facts:\n  responder:\n    type: boolean\n    derived: true\n    description: Responded before.\n");
        AssertErrors(set, "rules/vocabulary.yaml:3:3: derived fact 'responder' is not produced by any rule");
    }

    [Fact]
    public void Load_DeriveInputFactAndRequestDerivedFact_AreReportedAtTheFact()
    {
        using var set = TempRuleSet.Copy();
        set.Write("extra.yaml", Head + """
                when: {pain_score: 3}
                then:
                  - derive: {bladder_problems: true}
                  - request: {fact: severity, reason: Needed.}
            """);
        AssertErrors(
            set,
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
        AssertErrors(set, "rules/extra.yaml:2:5: rule 'extra.a' tests 'b_fact' negatively, but 'b_fact' depends on what this rule derives (cycle through a_fact -> b_fact); break the cycle or test a fact derived earlier");
    }

    [Fact]
    public void Load_EmittingRuleWithoutCitations_IsAnError()
    {
        using var set = TempRuleSet.Copy();
        set.Write("extra.yaml", Head + "    when: {pain_score: 3}\n    then: [alert: {code: a.b, text: T}]\n");
        set.Write("extra2.yaml", Head.Replace("extra.one", "extra.two", StringComparison.Ordinal) + "    cites: []\n    when: {pain_score: 3}\n    then: [alert: {code: a.b, text: T}]\n");
        AssertErrors(
            set,
            "rules/extra.yaml:2:5: rule 'extra.one' emits an outcome but cites no claims; add 'cites:' with the claims it rests on",
            "rules/extra2.yaml:5:12: rule 'extra.two' emits an outcome, so 'cites' must list the claims it rests on");
    }

    [Fact]
    public void Load_UnresolvedCitation_SuggestsTheNearestClaim()
    {
        using var set = TempRuleSet.Copy();
        set.Replace("risks.yaml", "cites: [doc.bladder]", "cites: [doc.bladdr, doc.bladder, doc.bladder]");
        AssertErrors(
            set,
            "rules/risks.yaml:5:13: rule 'risk.bladder' cites unknown claim 'doc.bladdr' (did you mean 'doc.bladder'?)",
            "rules/risks.yaml:5:38: rule 'risk.bladder' cites claim 'doc.bladder' more than once");
    }

    [Fact]
    public void Load_CitingANotEncodedClaim_IsAnError()
    {
        using var set = TempRuleSet.Copy();
        set.Replace("risks.yaml", "cites: [doc.bladder]", "cites: [doc.bladder, doc.mechanism]");
        AssertErrors(set, "rules/risks.yaml:5:26: rule 'risk.bladder' cites claim 'doc.mechanism', which is marked not_encoded; remove the citation or the not_encoded mark");
    }

    [Fact]
    public void Load_UncitedClaim_IsAWarningAndStillLoads()
    {
        using var set = TempRuleSet.Copy();
        set.Replace("risks.yaml", "cites: [doc.bladder]", "cites: [doc.liver]");
        var result = set.Load();
        Assert.True(result.Succeeded);
        Assert.Equal(["rules/sources/doc.yaml:21:9: claim 'doc.bladder' is cited by no rule and not marked not_encoded"], set.Render(result.Warnings));
        Assert.Equal(["doc.bladder"], result.RuleSet.UncitedClaims.Select(c => c.Id));
    }

    [Fact]
    public void Load_DocumentIdNotMatchingItsFile_SuggestsTheStem()
    {
        using var set = TempRuleSet.Copy();
        set.Replace("sources/doc.yaml", "  id: doc\n", "  id: docs\n");
        AssertErrors(set, "rules/sources/doc.yaml:3:7: document id 'docs' does not match its file name 'doc.yaml' (did you mean 'doc'?)");
    }

    [Fact]
    public void Load_CatalogErrors_AreEachReportedAtTheValue()
    {
        using var set = TempRuleSet.Copy();
        set.Replace("sources/doc.yaml", "    section: Risks\n    anchor: \"bladder irritation\"", "    section: Risk\n    anchor: \"bladder irritation\"");
        set.Replace("sources/doc.yaml", "topic: maintenance", "topic: maintenanse");
        set.Replace("sources/doc.yaml", "kind: review-article", "kind: blog");
        set.Replace("sources/doc.yaml", "\"Risks\", \"Maintenance\"]", "\"Risks\", \"lead\"]");
        AssertErrors(
            set,
            "rules/sources/doc.yaml:5:9: unknown document kind 'blog' (allowed: review-article, clinic-article, product-promotion)",
            "rules/sources/doc.yaml:8:50: 'lead' is the text before the first heading, so it can only be the first section",
            "rules/sources/doc.yaml:24:14: section 'Risk' is not among the sections of document 'doc' (did you mean 'Risks'?)",
            "rules/sources/doc.yaml:32:12: unknown topic 'maintenanse' (did you mean 'maintenance'?)",
            "rules/sources/doc.yaml:34:14: section 'Maintenance' is not among the sections of document 'doc'");
    }

    [Fact]
    public void Load_ClaimSectionAndAnchorErrors_AreReported()
    {
        using var set = TempRuleSet.Copy();
        set.Replace("sources/doc.yaml", "    section: Risks\n    anchor: \"bladder irritation\"", "    section: Risk\n    anchor: \"bladder irritation\"");
        set.Replace("sources/doc.yaml", "anchor: \"check liver enzymes\"", "anchor: \"one two three four five six seven eight nine\"");
        AssertErrors(
            set,
            "rules/sources/doc.yaml:24:14: section 'Risk' is not among the sections of document 'doc' (did you mean 'Risks'?)",
            "rules/sources/doc.yaml:30:13: the anchor of claim 'doc.liver' has 9 words; an anchor has at most 8");
    }

    [Fact]
    public void Load_DuplicateClaimIdAcrossFiles_NamesTheFirstUse()
    {
        using var set = TempRuleSet.Copy();
        set.Write("sources/other.yaml", """
            document:
              id: other
              title: Other
              kind: clinic-article
              quality: Marketing.
              sections: [lead]
            claims:
              - id: doc.bladder
                topic: risk
                says: Again.
                section: lead
                anchor: anything
            """);
        var expectedFirst = "sources/doc.yaml:21:9";
        AssertErrors(set, $"rules/sources/other.yaml:8:9: claim id 'doc.bladder' is already used at {expectedFirst}");
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
        AssertErrors(set, expected);
        Assert.Equal(expected, set.Errors());
    }

    [Fact]
    public void Load_YmlFile_IsIgnoredWithAWarning()
    {
        using var set = TempRuleSet.Copy();
        set.Write("extra.yml", "rules: nonsense\n");
        var result = set.Load();
        Assert.True(result.Succeeded);
        Assert.Equal(["rules/extra.yml:1:1: this file is ignored: rule-set files end in '.yaml'"], set.Render(result.Warnings));
    }

    [Fact]
    public void Load_DeeplyNestedCondition_IsAnErrorNotACrash()
    {
        using var set = TempRuleSet.Copy();
        var depth = ConditionDepth + 5;
        var when = string.Concat(Enumerable.Repeat("{not: ", depth)) + "{pain_score: 3}" + new string('}', depth);
        set.Write("extra.yaml", Head + $"    when: {when}\n    then: [derive: {{severity: mild}}]\n");
        var errors = set.Errors();
        Assert.Single(errors);
        Assert.EndsWith($"conditions are nested more than {ConditionDepth} levels deep", errors[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Load_EmptyListsAndInvertedRange_AreReportedAtTheirNode()
    {
        using var set = TempRuleSet.Copy();
        set.Write("extra.yaml", Head + """
                when:
                  - any: []
                  - care_goal: {in: []}
                  - pain_score: {between: [9, 2]}
                  - pain_score: {between: [1]}
                then: [derive: {severity: mild}]
            """);
        AssertErrors(
            set,
            "rules/extra.yaml:6:14: 'any' must not be empty",
            "rules/extra.yaml:7:25: 'in' must not be empty",
            "rules/extra.yaml:8:22: the range on 'pain_score' has its minimum 9 above its maximum 2",
            "rules/extra.yaml:9:31: 'between' takes a list of two values [min, max], but is a list");
    }

    [Fact]
    public void Load_ManifestMissing_StillChecksEverythingElse()
    {
        using var set = TempRuleSet.Copy();
        set.Delete("ruleset.yaml");
        set.Replace("risks.yaml", "when: {bladder_problems: true}", "when: {bladder_problem: true}");
        AssertErrors(
            set,
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

    [Fact]
    public void Load_SourceFileUnreadable_DoesNotReportItsCitationsAsUnknown()
    {
        using var set = TempRuleSet.Copy();
        set.Write("sources/doc.yaml", "document: {id: doc\n");
        var errors = set.Errors();
        Assert.Single(errors);
        Assert.StartsWith("rules/sources/doc.yaml:", errors[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Load_BadRuleId_StillChecksTheRestOfTheRule()
    {
        using var set = TempRuleSet.Copy();
        set.Write("extra.yaml", """
            rules:
              - id: Extra One
                title: Extra
                description: A rule with a bad id.
                when: {pain_score: loud}
                then: [derive: {severity: mild}]
            """);
        AssertErrors(
            set,
            "rules/extra.yaml:2:9: rule id 'Extra One' is not valid: use lower-case letters and digits, separated by '.' or '-'",
            "rules/extra.yaml:5:24: fact 'pain_score' is an integer: write a whole number, not 'loud'");
    }

    private const int ConditionDepth = KetCds.Rules.Internal.Rules.ConditionReader.MaxDepth;

    private static void AssertErrors(TempRuleSet set, params string[] expected)
    {
        var result = set.Load();

        // Compared as one text so a failure shows every line in full.
        Assert.Equal(string.Join("\n", expected), string.Join("\n", set.Render(result.Errors)));
        Assert.False(result.Succeeded);
        Assert.Null(result.RuleSet);
    }
}

namespace KetCds.Rules.Tests.Internal.Vocabulary;

/// <summary>Vocabulary declarations, as the loader reports them.</summary>
public class VocabularyReaderTests
{
    [Fact]
    public void Load_VocabularyDeclarationErrors_AreReportedWithoutCascading()
    {
        using var set = TempRuleSet.Copy();
        set.Replace("vocabulary.yaml", "    type: integer\n    description: Pain intensity", "    type: integr\n    description: Pain intensity");
        set.Replace("vocabulary.yaml", "    type: decimal\n    unit: kg\n", "    type: decimal\n    unit: kg\n    values: [light]\n");
        set.Replace("vocabulary.yaml", "  bladder_problems:\n    type: boolean\n", "  bladder_problems:\n    type: boolean\n    unit: episodes\n");
        set.Replace("vocabulary.yaml", "facts:\n", "facts:\n  not:\n    type: boolean\n    description: Reserved.\n  Bad-Name:\n    type: boolean\n    description: Bad.\n  stage:\n    type: enum\n    description: No values.\n");
        set.AssertLoadErrors(
            "rules/vocabulary.yaml:3:3: 'not' is a reserved word of the condition language and cannot name a fact",
            "rules/vocabulary.yaml:6:3: fact name 'Bad-Name' is not valid: use lower-case letters, digits and '_', starting with a letter",
            "rules/vocabulary.yaml:10:5: fact 'stage' is an enum and must list its allowed 'values'",
            "rules/vocabulary.yaml:16:11: unknown type 'integr' (did you mean 'integer'?)",
            "rules/vocabulary.yaml:21:5: fact 'weight_kg' is a decimal; only enum and set values are listed under 'values'",
            "rules/vocabulary.yaml:36:5: fact 'bladder_problems' is a boolean; only integer and decimal values have a unit");
    }
}

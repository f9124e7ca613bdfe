using KetCds.Clinical.Internal;
using KetCds.Contracts.V1;
using KetCds.Engine;
using KetCds.Rules;

namespace KetCds.Clinical.Tests;

public class ClinicalVocabularyTests
{
    [Fact]
    public void Contract_ShippedRules_MeetItWithoutErrorsOrWarnings()
    {
        var load = RuleSetLoader.Load(RepositoryPaths.Rules, ClinicalVocabulary.Contract);

        Assert.Empty(load.Errors);
        Assert.Empty(load.Warnings);
    }

    [Fact]
    public void Contract_InputFactRenamed_LoadFailsAtTheDeclarationNamingTheSuppliedFact()
    {
        using var rules = RulesCopy.OfShipped();
        rules.ReplaceEverywhere("pain_severity_nrs", "pain_severity");
        Assert.True(RuleSetLoader.Load(rules.Directory).Succeeded, "without the contract the rename loads cleanly");

        var load = RuleSetLoader.Load(rules.Directory, ClinicalVocabulary.Contract);

        var error = Assert.Single(load.Errors);
        Assert.Equal("vocabulary.yaml", error.RelativePath);
        Assert.Equal((rules.LineOf("vocabulary.yaml", "  pain_severity:"), 3), (error.Line, error.Column));
        Assert.Equal("input fact 'pain_severity' is not one the clinical layer supplies, so no request can set it", error.Message);
        Assert.Equal("pain_severity_nrs", error.Suggestion);
        Assert.Contains(load.Warnings, w => w.Message.Contains("supplies input fact 'pain_severity_nrs' from patient.pain_severity_nrs", StringComparison.Ordinal));
    }

    [Fact]
    public void Contract_SuppliedValueRenamed_LoadFailsNamingTheValueTheMapperSupplies()
    {
        using var rules = RulesCopy.OfShipped();
        rules.ReplaceEverywhere("fibromyalgia", "fibromyalgias");

        var load = RuleSetLoader.Load(rules.Directory, ClinicalVocabulary.Contract);

        var error = Assert.Single(load.Errors);
        Assert.Equal((rules.LineOf("vocabulary.yaml", "  conditions:"), 3), (error.Line, error.Column));
        Assert.Equal("fact 'conditions' does not allow 'fibromyalgia', which the clinical layer supplies from patient.pain_conditions", error.Message);
        Assert.Equal("fibromyalgias", error.Suggestion);
    }

    [Fact]
    public void Contract_EligibilityValueTheResultCannotShow_LoadFails()
    {
        // Defect 5: an unrecognised eligibility value used to become NEEDS_REVIEW without a word.
        using var rules = RulesCopy.OfShipped();
        rules.ReplaceEverywhere("values: [eligible, not_eligible, needs_review]", "values: [eligible, not_eligible, needs_review, deferred]");

        var error = Assert.Single(RuleSetLoader.Load(rules.Directory, ClinicalVocabulary.Contract).Errors);
        Assert.Equal(
            "fact 'eligibility' allows 'deferred', which the clinical layer cannot read into Eligibility.status (it reads: eligible, needs_review, not_eligible)",
            error.Message);
    }

    [Fact]
    public void Contract_AttributeValueTheResultCannotShow_LoadFails()
    {
        // Defect 5: an unmapped attribute value used to become UNSPECIFIED without a word.
        using var rules = RulesCopy.OfShipped();
        rules.ReplaceEverywhere("values: [info, low, moderate, high]", "values: [info, low, moderate, high, critical]");

        var error = Assert.Single(RuleSetLoader.Load(rules.Directory, ClinicalVocabulary.Contract).Errors);
        Assert.StartsWith("attribute 'severity' allows 'critical', which the clinical layer cannot read", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_RuleSetLoadedWithoutTheContractThatBreaksIt_Throws()
    {
        using var rules = RulesCopy.OfShipped();
        rules.ReplaceEverywhere("fibromyalgia", "fibro");
        var loaded = RuleSetLoader.Load(rules.Directory).RuleSet!;

        var thrown = Assert.Throws<ArgumentException>(() => new ClinicalEvaluator(loaded));
        Assert.Contains("fact 'conditions' does not allow 'fibromyalgia'", thrown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Contract_MapperSuppliesEveryInputWithTheDeclaredType()
    {
        // The contract lists the mapper's facts by hand; a fully recorded patient proves the two agree.
        var patient = TestPatients.CompleteCrps();
        patient.PainDurationMonths = 12;
        patient.PainSeverityNrs = 8;
        patient.AgeYears = 40;
        patient.TreatmentsTried.Trials.Add(new TreatmentTrial { Treatment = StandardTreatment.Anticonvulsants, Outcome = TreatmentOutcome.Effective });
        patient.TreatmentsTried.Trials.Add(new TreatmentTrial { Treatment = StandardTreatment.NerveBlocks, Outcome = TreatmentOutcome.Contraindicated });
        patient.PriorKetamine = new KetamineHistory
        {
            ReceivedBefore = true, SessionsLast12Months = 3, DaysSinceLastSession = 30, ReliefDurationDays = 20, RespondedWell = true, DiminishingEffect = false,
        };

        var facts = FactMapper.Map(patient, _ => true).ToDictionary(f => f.Key, f => f.Value, StringComparer.Ordinal);

        var inputs = ClinicalVocabulary.Contract.Facts.Where(f => f.Origin == FactOrigin.Input).ToList();
        Assert.Equal(inputs.Select(f => f.Name).Order(StringComparer.Ordinal), facts.Keys.Order(StringComparer.Ordinal));
        foreach (var expected in inputs)
        {
            Assert.Equal((expected.Name, expected.Type), (expected.Name, facts[expected.Name].Type));
        }
    }

    [Fact]
    public void Contract_EnumValues_AreEverySymbolTheMapperCanGive()
    {
        var conditions = ClinicalVocabulary.Contract.Facts.Single(f => f.Name == FactNames.Conditions);

        Assert.Equal(
            Enum.GetValues<PainCondition>().Select(Symbols.Of).OfType<string>().Distinct().Order(StringComparer.Ordinal),
            conditions.Values);
        Assert.DoesNotContain(conditions.Values, string.IsNullOrEmpty);
    }
}

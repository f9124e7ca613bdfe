namespace KetCds.Rules.Tests.Internal.Catalog;

/// <summary>Citations against the source catalog, as the loader reports them.</summary>
public class CitationCheckerTests
{
    [Fact]
    public void Load_UnresolvedCitation_SuggestsTheNearestClaim()
    {
        using var set = TempRuleSet.Copy();
        set.Replace("risks.yaml", "cites: [doc.bladder]", "cites: [doc.bladdr, doc.bladder, doc.bladder]");
        set.AssertLoadErrors(
            "rules/risks.yaml:5:13: rule 'risk.bladder' cites unknown claim 'doc.bladdr' (did you mean 'doc.bladder'?)",
            "rules/risks.yaml:5:38: rule 'risk.bladder' cites claim 'doc.bladder' more than once");
    }

    [Fact]
    public void Load_CitingANotEncodedClaim_IsAnError()
    {
        using var set = TempRuleSet.Copy();
        set.Replace("risks.yaml", "cites: [doc.bladder]", "cites: [doc.bladder, doc.mechanism]");
        set.AssertLoadErrors("rules/risks.yaml:5:26: rule 'risk.bladder' cites claim 'doc.mechanism', which is marked not_encoded; remove the citation or the not_encoded mark");
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
    public void Load_SourceFileUnreadable_DoesNotReportItsCitationsAsUnknown()
    {
        using var set = TempRuleSet.Copy();
        set.Write("sources/doc.yaml", "document: {id: doc\n");
        var errors = set.Errors();
        Assert.Single(errors);
        Assert.StartsWith("rules/sources/doc.yaml:", errors[0], StringComparison.Ordinal);
    }
}

namespace KetCds.Rules.Tests;

public class SourceCatalogTests
{
    [Fact]
    public void FindClaimAndClaimsOf_ReturnTheLoadedClaims()
    {
        using var set = TempRuleSet.Copy();
        var catalog = set.Load().RuleSet!.Catalog;
        var claim = catalog.FindClaim("doc.conditions")!;
        Assert.Equal("doc", claim.DocumentId);
        Assert.Equal("condition", claim.Topic);
        Assert.Equal("[2]", claim.Marker);
        Assert.Equal("Who may benefit", claim.Section);
        Assert.Equal("Evidence is best for CRPS, fibromyalgia and neuropathic pain.", claim.Says);
        Assert.Equal("sources/doc.yaml:15:5", claim.Location.ToString());
        Assert.Equal("sources/doc.yaml:20:13", claim.AnchorLocation.ToString());
        Assert.Null(catalog.FindClaim("doc.nope"));
        Assert.Equal(
            ["doc.bladder", "doc.conditions", "doc.liver", "doc.maintenance", "doc.mechanism", "doc.refractory"],
            catalog.ClaimsOf("doc").Select(c => c.Id));
        Assert.Empty(catalog.ClaimsOf("nope"));
        var document = Assert.Single(catalog.Documents);
        Assert.Equal(["lead", "Who may benefit", "Risks", "Maintenance"], document.Sections.Select(s => s.Heading));
        Assert.Equal("review-article", document.Kind);
        Assert.Equal("Mechanism is background; no decision depends on it.", catalog.FindClaim("doc.mechanism")!.NotEncoded);
    }

    [Fact]
    public void VerifyLocators_MissingHeading_IsReportedAtTheListedSection()
    {
        using var set = TempRuleSet.Copy();
        File.WriteAllText(Path.Combine(set.Documents, "doc.txt"), File.ReadAllText(Path.Combine(set.Documents, "doc.txt")).Replace("Who may benefit\n", "Who may benefit:\n", StringComparison.Ordinal));
        var problems = set.Load().RuleSet!.Catalog.VerifyLocators(set.Documents);
        var problem = Assert.Single(problems);
        Assert.Equal("sources/doc.yaml:8:22: heading 'Who may benefit' does not occur as a whole line of doc.txt", problem.ToString());
        Assert.Equal("doc", problem.DocumentId);
        Assert.Null(problem.ClaimId);
    }

    [Fact]
    public void VerifyLocators_HeadingsOutOfOrder_AreReported()
    {
        using var set = TempRuleSet.Copy();
        set.Replace("sources/doc.yaml", "\"Risks\", \"Maintenance\"]", "\"Maintenance\", \"Risks\"]");
        var problems = set.Load().RuleSet!.Catalog.VerifyLocators(set.Documents);
        Assert.Contains(problems, p => p.Message == "heading 'Risks' is on line 4 of doc.txt, out of the listed order");
    }

    [Fact]
    public void VerifyLocators_AnchorInAnotherSection_NamesTheSectionItIsIn()
    {
        using var set = TempRuleSet.Copy();
        set.Replace("sources/doc.yaml", "    section: Maintenance\n", "    section: Risks\n");
        var problem = Assert.Single(set.Load().RuleSet!.Catalog.VerifyLocators(set.Documents));
        Assert.Equal("doc.maintenance", problem.ClaimId);
        Assert.Equal("sources/doc.yaml:35:13: anchor 'booster infusions every few weeks' of claim 'doc.maintenance' is in section 'Maintenance' of doc.txt, not in 'Risks'", problem.ToString());
    }

    [Fact]
    public void VerifyLocators_AnchorNotVerbatim_IsReported()
    {
        using var set = TempRuleSet.Copy();
        set.Replace("sources/doc.yaml", "anchor: \"when standard treatments fall short\"", "anchor: \"when standard treatment falls short\"");
        var problem = Assert.Single(set.Load().RuleSet!.Catalog.VerifyLocators(set.Documents));
        Assert.Equal("anchor 'when standard treatment falls short' of claim 'doc.refractory' does not occur verbatim in section 'lead' of doc.txt", problem.Message);
    }

    [Fact]
    public void VerifyLocators_LeadAnchorAfterTheFirstHeading_IsNotInTheLead()
    {
        using var set = TempRuleSet.Copy();
        set.Replace("sources/doc.yaml", "anchor: \"blocks NMDA receptors\"", "anchor: \"check liver enzymes\"");
        var problem = Assert.Single(set.Load().RuleSet!.Catalog.VerifyLocators(set.Documents));
        Assert.Equal("anchor 'check liver enzymes' of claim 'doc.mechanism' is in section 'Risks' of doc.txt, not in 'lead'", problem.Message);
    }

    [Fact]
    public void VerifyLocators_MissingDocumentText_IsReportedAtTheDocumentId()
    {
        using var set = TempRuleSet.Copy();
        File.Delete(Path.Combine(set.Documents, "doc.txt"));
        var problem = Assert.Single(set.Load().RuleSet!.Catalog.VerifyLocators(set.Documents));
        Assert.Equal($"sources/doc.yaml:3:7: document text '{Path.Combine(set.Documents, "doc.txt")}' does not exist", problem.ToString());
    }

    [Fact]
    public void VerifyLocators_HandBuiltCatalog_ChecksAnchorLengthAndSection()
    {
        using var set = TempRuleSet.Copy();
        var loaded = set.Load().RuleSet!.Catalog;
        var document = loaded.Documents[0];
        var claim = loaded.FindClaim("doc.bladder")!;
        var catalog = new SourceCatalog(
            [document],
            [
                claim with { Id = "doc.long", Anchor = "one two three four five six seven eight nine" },
                claim with { Id = "doc.nowhere", Section = "Dosing" },
            ]);
        Assert.Equal(
            [
                "anchor of claim 'doc.long' has 9 words; an anchor has 1 to 8",
                "claim 'doc.nowhere' is in section 'Dosing', which document 'doc' does not list",
            ],
            catalog.VerifyLocators(set.Documents).Select(p => p.Message));
    }

    [Fact]
    public void Constructor_DuplicateClaimId_Throws()
    {
        using var set = TempRuleSet.Copy();
        var loaded = set.Load().RuleSet!.Catalog;
        var claim = loaded.Claims[0];
        Assert.Throws<ArgumentException>(() => new SourceCatalog(loaded.Documents, [claim, claim]));
        Assert.Throws<ArgumentException>(() => new SourceCatalog([], [claim]));
    }
}

namespace KetCds.Rules.Tests.Internal.Catalog;

/// <summary>Source files: document ids, kinds, sections, topics and anchors, as the loader reports them.</summary>
public class SourceFileReaderTests
{
    [Fact]
    public void Load_DocumentIdNotMatchingItsFile_SuggestsTheStem()
    {
        using var set = TempRuleSet.Copy();
        set.Replace("sources/doc.yaml", "  id: doc\n", "  id: docs\n");
        set.AssertLoadErrors("rules/sources/doc.yaml:3:7: document id 'docs' does not match its file name 'doc.yaml' (did you mean 'doc'?)");
    }

    [Fact]
    public void Load_CatalogErrors_AreEachReportedAtTheValue()
    {
        using var set = TempRuleSet.Copy();
        set.Replace("sources/doc.yaml", "    section: Risks\n    anchor: \"bladder irritation\"", "    section: Risk\n    anchor: \"bladder irritation\"");
        set.Replace("sources/doc.yaml", "topic: maintenance", "topic: maintenanse");
        set.Replace("sources/doc.yaml", "kind: review-article", "kind: blog");
        set.Replace("sources/doc.yaml", "\"Risks\", \"Maintenance\"]", "\"Risks\", \"lead\"]");
        set.AssertLoadErrors(
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
        set.AssertLoadErrors(
            "rules/sources/doc.yaml:24:14: section 'Risk' is not among the sections of document 'doc' (did you mean 'Risks'?)",
            "rules/sources/doc.yaml:30:13: the anchor of claim 'doc.liver' has 9 words; an anchor has at most 8");
    }
}

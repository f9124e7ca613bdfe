namespace KetCds.Rules.Tests.Internal.Catalog;

/// <summary>Claim ids across source files, as the loader reports them.</summary>
public class CatalogAssemblerTests
{
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
        set.AssertLoadErrors($"rules/sources/other.yaml:8:9: claim id 'doc.bladder' is already used at {expectedFirst}");
    }
}

namespace KetCds.Rules.Tests.Internal.Rules;

/// <summary>Actions, as the loader reports them.</summary>
public class ActionReaderTests
{
    [Fact]
    public void Load_UnknownAction_SuggestsTheNearestAction()
    {
        using var set = TempRuleSet.Copy();
        set.Write("extra.yaml", TempRuleSet.Head + "    when: {pain_score: 3}\n    then: [derve: {severity: mild}]\n");
        set.AssertLoadErrors("rules/extra.yaml:6:12: unknown action 'derve' (did you mean 'derive'?)");
    }
}

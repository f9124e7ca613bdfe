namespace KetCds.Engine.NRules.Tests;

/// <summary>Issue 12's decision on priority and unknown, on the NRules encoding and against the KetCds engine.</summary>
public sealed class PriorityDecisionTests
{
    private static readonly NRulesMatcher Matcher = NRulesMatcher.Compile(PriorityRuleSet.Compiled);

    public static TheoryData<bool?, bool?, bool?, string?> Cases() => new()
    {
        // A higher-priority producer of another value is unknown: the missing 'a' could overturn 'y', so undecided.
        { null, true, false, null },
        // Once 'a' is known false, the lower producer wins.
        { false, true, false, "y" },
        // The higher producer fires and wins.
        { true, true, false, "x" },
        // No producer fires and one is unknown: undecided (as before the decision).
        { null, false, false, null },
        // The unknown higher producer would derive the same value as the winner: the value stands.
        { false, true, null, "y" },
        // The highest producer fires; the unknown one below it does not matter.
        { null, false, true, "y" },
        // Every producer false: not derived.
        { false, false, false, null },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Evaluate_PriorityAndUnknown_NRulesFollowsDecision(bool? a, bool? b, bool? d, string? expected)
    {
        var result = PriorityRuleSet.Compiled.Evaluate(PriorityRuleSet.Facts(a, b, d), Matcher);

        Assert.Equal(expected, result.GetFact("choice")?.Symbol);
        var undecided = expected is null && !(a == false && b == false && d == false);
        Assert.Equal(expected == "x" ? Truth.True : undecided ? Truth.Unknown : Truth.False, result.RuleResult("emit.x"));
        Assert.Equal(expected == "y" ? Truth.True : undecided ? Truth.Unknown : Truth.False, result.RuleResult("emit.y"));
    }

    [Fact]
    public void Evaluate_UndecidedByPriority_ListsTheMissingInputThatDecides()
    {
        var result = PriorityRuleSet.Compiled.Evaluate(PriorityRuleSet.Facts(a: null, b: true, d: false), Matcher);

        // The emitters are unknown because 'choice' is undecided; 'a' is what would decide it.
        var missing = Assert.Single(result.MissingFacts);
        Assert.Equal("a", missing.Fact);
        Assert.Contains("choose.x", missing.UndecidedRules);
        Assert.Empty(result.Outcomes);
    }

    [Fact]
    public void Evaluate_PriorityAndUnknown_BothEnginesAgree()
    {
        foreach (var (a, b, d) in new (bool?, bool?, bool?)[] { (null, true, false), (false, true, null), (null, false, false), (true, true, false) })
        {
            var facts = PriorityRuleSet.Facts(a, b, d);
            var difference = Differential.FirstDifference(
                PriorityRuleSet.Compiled, PriorityRuleSet.Compiled.Evaluate(facts), PriorityRuleSet.Compiled.Evaluate(facts, Matcher));
            Assert.True(difference is null, $"{difference}\ncase:\n{Differential.Render(facts)}");
        }
    }
}

using static KetCds.Engine.Tests.Support.ModelBuilder;

namespace KetCds.Engine.Tests.Internal;

/// <summary>The meaning of each test and connective, observed through a real compiled evaluation.</summary>
public class ConditionSemanticsTests
{
    private static readonly FactDefinition[] Vocabulary =
    [
        Input("a", FactType.Boolean),
        Input("b", FactType.Boolean),
        Input("n", FactType.Integer),
        Input("w", FactType.Decimal),
        Input("d", FactType.Duration),
        Input("day", FactType.Date),
        Input("e", FactType.Enum, "p", "q", "r"),
        Input("s", FactType.EnumSet, "p", "q", "r"),
    ];

    private static Truth? Run(Condition when, params (string, TypedValue)[] facts)
    {
        var set = Compile(Vocabulary, Emit("r", when));
        var result = set.Evaluate(Facts(facts));
        var truth = result.RuleResult("r");
        Assert.Equal(truth == Truth.True, result.FiredRules.Contains("r"));
        return truth;
    }

    private static (string, TypedValue)[] Bools(string a, string b) =>
        [.. new[] { ("a", a), ("b", b) }.Where(p => p.Item2 != "?").Select(p => (p.Item1, TypedValue.Boolean(p.Item2 == "T")))];

    [Theory]
    [InlineData("T", "T", Truth.True)]
    [InlineData("T", "F", Truth.False)]
    [InlineData("T", "?", Truth.Unknown)]
    [InlineData("F", "T", Truth.False)]
    [InlineData("F", "F", Truth.False)]
    [InlineData("F", "?", Truth.False)]
    [InlineData("?", "T", Truth.Unknown)]
    [InlineData("?", "F", Truth.False)]
    [InlineData("?", "?", Truth.Unknown)]
    public void All_ThreeValued_FollowsKleeneConjunction(string a, string b, Truth expected) =>
        Assert.Equal(expected, Run(All(Is("a"), Is("b")), Bools(a, b)));

    [Theory]
    [InlineData("T", "T", Truth.True)]
    [InlineData("T", "F", Truth.True)]
    [InlineData("T", "?", Truth.True)]
    [InlineData("F", "T", Truth.True)]
    [InlineData("F", "F", Truth.False)]
    [InlineData("F", "?", Truth.Unknown)]
    [InlineData("?", "T", Truth.True)]
    [InlineData("?", "F", Truth.Unknown)]
    [InlineData("?", "?", Truth.Unknown)]
    public void Any_ThreeValued_FollowsKleeneDisjunction(string a, string b, Truth expected) =>
        Assert.Equal(expected, Run(Any(Is("a"), Is("b")), Bools(a, b)));

    [Theory]
    [InlineData("T", Truth.False)]
    [InlineData("F", Truth.True)]
    [InlineData("?", Truth.Unknown)]
    public void Not_ThreeValued_SwapsTrueAndFalseKeepsUnknown(string a, Truth expected) =>
        Assert.Equal(expected, Run(Not(Is("a")), Bools(a, "?")));

    [Theory]
    [InlineData(ComparisonOperator.Equal, 5, Truth.True)]
    [InlineData(ComparisonOperator.Equal, 4, Truth.False)]
    [InlineData(ComparisonOperator.NotEqual, 4, Truth.True)]
    [InlineData(ComparisonOperator.NotEqual, 5, Truth.False)]
    [InlineData(ComparisonOperator.LessThan, 6, Truth.True)]
    [InlineData(ComparisonOperator.LessThan, 5, Truth.False)]
    [InlineData(ComparisonOperator.LessThanOrEqual, 5, Truth.True)]
    [InlineData(ComparisonOperator.LessThanOrEqual, 4, Truth.False)]
    [InlineData(ComparisonOperator.GreaterThan, 4, Truth.True)]
    [InlineData(ComparisonOperator.GreaterThan, 5, Truth.False)]
    [InlineData(ComparisonOperator.GreaterThanOrEqual, 5, Truth.True)]
    [InlineData(ComparisonOperator.GreaterThanOrEqual, 6, Truth.False)]
    public void Compare_IntegerFactFive_AgainstLiteral(ComparisonOperator op, long literal, Truth expected)
    {
        Assert.Equal(expected, Run(Cmp("n", op, literal), ("n", Int(5))));
        Assert.Equal(Truth.Unknown, Run(Cmp("n", op, literal)));
    }

    [Fact]
    public void Compare_MixedNumericAndUnits_ComparesByValue()
    {
        Assert.Equal(Truth.True, Run(new ComparisonCondition("w", ComparisonOperator.GreaterThan, Int(2)), ("w", TypedValue.Decimal(2.5m))));
        Assert.Equal(Truth.True, Run(Eq("n", TypedValue.Decimal(3.0m)), ("n", Int(3))));
        Assert.Equal(Truth.True, Run(Eq("d", TypedValue.Duration(2, DurationUnit.Weeks)), ("d", TypedValue.Duration(14, DurationUnit.Days))));
        Assert.Equal(Truth.True, Run(
            new ComparisonCondition("d", ComparisonOperator.GreaterThanOrEqual, TypedValue.Duration(3, DurationUnit.Months)),
            ("d", TypedValue.Duration(1, DurationUnit.Years))));
        Assert.Equal(Truth.False, Run(
            new ComparisonCondition("day", ComparisonOperator.LessThan, TypedValue.Date(new DateOnly(2024, 1, 1))),
            ("day", TypedValue.Date(new DateOnly(2024, 1, 1)))));
        Assert.Equal(Truth.True, Run(Eq("e", Sym("q")), ("e", Sym("q"))));
        Assert.Equal(Truth.True, Run(Eq("s", Set("q", "p")), ("s", Set("p", "q"))));
    }

    [Theory]
    [InlineData(1, Truth.False)]
    [InlineData(2, Truth.True)]
    [InlineData(5, Truth.True)]
    [InlineData(8, Truth.True)]
    [InlineData(9, Truth.False)]
    public void Range_Inclusive_BothBoundsHold(long value, Truth expected)
    {
        Assert.Equal(expected, Run(new RangeCondition("n", Int(2), Int(8)), ("n", Int(value))));
        Assert.Equal(Truth.Unknown, Run(new RangeCondition("n", Int(2), Int(8))));
    }

    [Fact]
    public void Range_OpenBound_OnlyChecksTheOtherBound()
    {
        Assert.Equal(Truth.True, Run(new RangeCondition("n", null, Int(3)), ("n", Int(-100))));
        Assert.Equal(Truth.False, Run(new RangeCondition("n", Int(3), null), ("n", Int(2))));
    }

    [Theory]
    [InlineData(MembershipOperator.In, "q", Truth.True)]
    [InlineData(MembershipOperator.In, "r", Truth.False)]
    [InlineData(MembershipOperator.NotIn, "r", Truth.True)]
    [InlineData(MembershipOperator.NotIn, "p", Truth.False)]
    public void Membership_EnumAgainstPQ(MembershipOperator op, string value, Truth expected)
    {
        Assert.Equal(expected, Run(Member("e", op, "p", "q"), ("e", Sym(value))));
        Assert.Equal(Truth.Unknown, Run(Member("e", op, "p", "q")));
    }

    [Theory]
    [InlineData(MembershipOperator.ContainsAny, "q", Truth.True)]
    [InlineData(MembershipOperator.ContainsAny, "r", Truth.False)]
    [InlineData(MembershipOperator.ContainsAny, "", Truth.False)]
    [InlineData(MembershipOperator.ContainsAll, "p,q,r", Truth.True)]
    [InlineData(MembershipOperator.ContainsAll, "p,r", Truth.False)]
    [InlineData(MembershipOperator.ContainsNone, "r", Truth.True)]
    [InlineData(MembershipOperator.ContainsNone, "", Truth.True)]
    [InlineData(MembershipOperator.ContainsNone, "q,r", Truth.False)]
    public void Membership_SetAgainstPQ(MembershipOperator op, string values, Truth expected)
    {
        var set = Set(values.Split(',', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(expected, Run(Member("s", op, "p", "q"), ("s", set)));
        Assert.Equal(Truth.Unknown, Run(Member("s", op, "p", "q")));
    }

    [Fact]
    public void Presence_MissingInput_IsNeverUnknown()
    {
        Assert.Equal(Truth.False, Run(Known("n")));
        Assert.Equal(Truth.True, Run(Absent("n")));
        Assert.Equal(Truth.True, Run(Known("n"), ("n", Int(0))));
        Assert.Equal(Truth.False, Run(Absent("n"), ("n", Int(0))));
    }

    [Fact]
    public void NestedConnectives_UnknownMaskedByDecidingBranch_Decide()
    {
        var when = All(Any(Is("a"), Known("n")), Not(All(Is("b"), Cmp("n", ComparisonOperator.GreaterThan, 3))));
        Assert.Equal(Truth.True, Run(when, ("n", Int(1))));
        Assert.Equal(Truth.Unknown, Run(when, ("n", Int(9))));
        Assert.Equal(Truth.False, Run(when, ("n", Int(9)), ("b", TypedValue.True)));
    }
}

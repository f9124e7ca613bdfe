namespace KetCds.Engine.Tests.Values;

public class TypedValueTests
{
    [Fact]
    public void Equals_IntegerAndDecimalOfSameNumber_AreEqualWithSameHash()
    {
        var integer = TypedValue.Integer(3);
        var number = TypedValue.Decimal(3.00m);
        Assert.Equal(integer, number);
        Assert.Equal(integer.GetHashCode(), number.GetHashCode());
        Assert.NotEqual(TypedValue.Integer(3), TypedValue.Decimal(3.01m));
    }

    [Fact]
    public void Equals_SetsInDifferentOrderWithDuplicates_AreEqual()
    {
        var a = TypedValue.EnumSet(["b", "a", "c"]);
        var b = TypedValue.EnumSet(["c", "a", "b", "a"]);
        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.Equal(["a", "b", "c"], a.Symbols.ToArray());
        Assert.NotEqual(a, TypedValue.EnumSet(["a", "b"]));
    }

    [Theory]
    [InlineData(2, DurationUnit.Weeks, 14, DurationUnit.Days)]
    [InlineData(1, DurationUnit.Days, 24, DurationUnit.Hours)]
    [InlineData(1, DurationUnit.Years, 12, DurationUnit.Months)]
    [InlineData(6, DurationUnit.Months, 0.5, DurationUnit.Years)]
    public void Equals_DurationsInDifferentUnits_AreEqual(decimal a, DurationUnit unitA, decimal b, DurationUnit unitB)
    {
        var left = TypedValue.Duration(a, unitA);
        var right = TypedValue.Duration(b, unitB);
        Assert.Equal(left, right);
        Assert.Equal(left.GetHashCode(), right.GetHashCode());
        Assert.Equal(left.ToString(), right.ToString());
    }

    [Fact]
    public void Equals_DifferentTypesWithSameNumber_AreNotEqual()
    {
        Assert.NotEqual(TypedValue.True, TypedValue.Integer(1));
        Assert.NotEqual(TypedValue.Duration(1, DurationUnit.Hours), TypedValue.Integer(1));
        Assert.NotEqual(TypedValue.Enum("a"), TypedValue.EnumSet(["a"]));
        Assert.False(TypedValue.Integer(1).Equals(null));
    }

    [Fact]
    public void CompareTo_UnorderedOrDifferentTypes_Throws()
    {
        // Enum("a") against Enum("b") used to answer 0, and a duration compared against a date.
        Assert.Throws<ArgumentException>(() => TypedValue.Enum("a").CompareTo(TypedValue.Enum("b")));
        Assert.Throws<ArgumentException>(() => TypedValue.EnumSet(["a"]).CompareTo(TypedValue.EnumSet(["b"])));
        Assert.Throws<ArgumentException>(() => TypedValue.True.CompareTo(TypedValue.False));
        Assert.Throws<ArgumentException>(() => TypedValue.Duration(1, DurationUnit.Days).CompareTo(TypedValue.Date(new DateOnly(2025, 1, 1))));
        Assert.Throws<ArgumentException>(() => TypedValue.Integer(1).CompareTo(TypedValue.Duration(1, DurationUnit.Hours)));
    }

    [Fact]
    public void CompareTo_Null_SortsNullFirstAsIComparableExpects()
    {
        IComparable<TypedValue> value = TypedValue.Integer(1);
        Assert.True(value.CompareTo(null) > 0);
        var ordered = new[] { TypedValue.Integer(3), null, TypedValue.Integer(1) }.Order().Select(v => v?.ToString() ?? "null");
        Assert.Equal(["null", "1", "3"], ordered);
    }

    [Fact]
    public void CompareTo_IntegerAgainstDecimal_OrdersNumerically()
    {
        Assert.True(TypedValue.Integer(2).CompareTo(TypedValue.Decimal(2.5m)) < 0);
        Assert.True(TypedValue.Decimal(2.5m).CompareTo(TypedValue.Integer(2)) > 0);
        Assert.Equal(0, TypedValue.Decimal(2.0m).CompareTo(TypedValue.Integer(2)));
        Assert.True(TypedValue.Duration(13, DurationUnit.Days).CompareTo(TypedValue.Duration(2, DurationUnit.Weeks)) < 0);
    }

    [Theory]
    [InlineData(3, DurationUnit.Months, "3 months")]
    [InlineData(1, DurationUnit.Months, "1 month")]
    [InlineData(14, DurationUnit.Days, "2 weeks")]
    [InlineData(12, DurationUnit.Months, "1 year")]
    [InlineData(2, DurationUnit.Years, "2 years")]
    [InlineData(36, DurationUnit.Hours, "36 hours")]
    [InlineData(1, DurationUnit.Hours, "1 hour")]
    [InlineData(1.50, DurationUnit.Days, "36 hours")]
    [InlineData(10, DurationUnit.Days, "10 days")]
    [InlineData(0, DurationUnit.Weeks, "0 hours")]
    [InlineData(1.5, DurationUnit.Months, "1.5 months")]
    public void ToString_Duration_RendersInLargestExactUnit(decimal amount, DurationUnit unit, string expected) =>
        Assert.Equal(expected, TypedValue.Duration(amount, unit).ToString());

    [Theory]
    [InlineData("2.50", "2.5")]
    [InlineData("3.000", "3")]
    [InlineData("0.0001", "0.0001")]
    [InlineData("-1.10", "-1.1")]
    [InlineData("0.00", "0")]
    [InlineData("1234567.890", "1234567.89")]
    public void ToString_Decimal_HasNoTrailingZeros(string input, string expected) =>
        Assert.Equal(expected, TypedValue.Decimal(decimal.Parse(input, System.Globalization.CultureInfo.InvariantCulture)).ToString());

    [Fact]
    public void ToString_OtherTypes_AreCanonical()
    {
        Assert.Equal("true", TypedValue.True.ToString());
        Assert.Equal("false", TypedValue.Boolean(false).ToString());
        Assert.Equal("-42", TypedValue.Integer(-42).ToString());
        Assert.Equal("crps", TypedValue.Enum("crps").ToString());
        Assert.Equal("[a, b]", TypedValue.EnumSet(["b", "a"]).ToString());
        Assert.Equal("[]", TypedValue.EnumSet([]).ToString());
        Assert.Equal("2024-02-29", TypedValue.Date(new DateOnly(2024, 2, 29)).ToString());
    }

    [Fact]
    public void Contains_EnumAndSet_MatchesOrdinally()
    {
        Assert.True(TypedValue.Enum("a").Contains("a"));
        Assert.False(TypedValue.Enum("a").Contains("A"));
        Assert.True(TypedValue.EnumSet(["x", "y"]).Contains("y"));
        Assert.False(TypedValue.EnumSet(["x", "y"]).Contains("z"));
    }

    [Fact]
    public void Enum_BlankSymbol_Throws() =>
        Assert.Throws<ArgumentException>(() => TypedValue.Enum(" "));
}

using KetCds.Engine;
using KetCds.Rules.Internal;
using KetCds.Rules.Internal.Rules;
using KetCds.Rules.Internal.Yaml;

namespace KetCds.Rules.Tests.Internal.Rules;

public partial class LiteralParserTests
{
    [Theory]
    [InlineData("3 months", 3, DurationUnit.Months)]
    [InlineData("1 month", 1, DurationUnit.Months)]
    [InlineData("2 weeks", 14, DurationUnit.Days)]
    [InlineData("1 week", 168, DurationUnit.Hours)]
    [InlineData("1.5 days", 36, DurationUnit.Hours)]
    [InlineData("1 year", 12, DurationUnit.Months)]
    [InlineData("10 years", 10, DurationUnit.Years)]
    [InlineData("0 hours", 0, DurationUnit.Hours)]
    [InlineData("4  hours", 4, DurationUnit.Hours)]
    public void ParseDuration_NumberAndUnit_IsThatDuration(string text, int amount, DurationUnit unit) =>
        Assert.Equal(TypedValue.Duration(amount, unit), LiteralParser.ParseDuration(text));

    [Theory]
    [InlineData("3months")]
    [InlineData("3 fortnights")]
    [InlineData("-1 days")]
    [InlineData("months")]
    [InlineData("3")]
    [InlineData("1,5 days")]
    [InlineData("3 Months")]
    public void ParseDuration_Malformed_IsNull(string text) => Assert.Null(LiteralParser.ParseDuration(text));

    [Theory]
    [InlineData("2024-02-29", true)]
    [InlineData("2023-02-29", false)]
    [InlineData("2024-2-9", false)]
    [InlineData("29/02/2024", false)]
    [InlineData("2024-13-01", false)]
    public void Parse_Date_AcceptsOnlyRealIsoDates(string text, bool valid)
    {
        var (value, errors) = Parse(text, FactType.Date);
        Assert.Equal(valid, value is not null);
        Assert.Equal(valid ? 0 : 1, errors.Length);
        if (valid)
        {
            Assert.Equal(DateOnly.ParseExact(text, "yyyy-MM-dd"), value!.AsDate);
        }
    }

    [Theory]
    [InlineData("12", FactType.Integer, "12")]
    [InlineData("-3", FactType.Integer, "-3")]
    [InlineData("2.50", FactType.Decimal, "2.5")]
    [InlineData("120 months", FactType.Duration, "10 years")]
    [InlineData("36 hours", FactType.Duration, "36 hours")]
    [InlineData("2024-02-29", FactType.Date, "2024-02-29")]
    [InlineData("7", FactType.Decimal, "7")]
    [InlineData("true", FactType.Boolean, "true")]
    [InlineData("false", FactType.Boolean, "false")]
    [InlineData("iv", FactType.Enum, "iv")]
    public void Parse_ValidLiteral_RendersBack(string text, FactType type, string rendered)
    {
        var (value, errors) = Parse(text, type);
        Assert.Empty(errors);
        Assert.Equal(rendered, value!.ToString());
    }

    [Theory]
    [InlineData("1.5", FactType.Integer)]
    [InlineData("1e3", FactType.Decimal)]
    [InlineData("True", FactType.Boolean)]
    [InlineData("yes", FactType.Boolean)]
    [InlineData("IV", FactType.Enum)]
    [InlineData("99999999999999999999", FactType.Integer)]
    public void Parse_InvalidLiteral_ReportsOneError(string text, FactType type)
    {
        var (value, errors) = Parse(text, type);
        Assert.Null(value);
        Assert.Single(errors);
    }

    private static (TypedValue? Value, RuleSetError[] Errors) Parse(string text, FactType type)
    {
        var diagnostics = new Diagnostics("rules");
        var file = new FileScope("a.yaml", diagnostics);
        var value = LiteralParser.Parse(file, new YamlScalarNode(text), type, ["iv", "intranasal"], "fact 'x'");
        return (value, [.. diagnostics.Errors]);
    }
}

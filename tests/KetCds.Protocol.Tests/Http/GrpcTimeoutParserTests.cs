using FsCheck;
using FsCheck.Fluent;
using KetCds.Protocol.Internal.Http;

namespace KetCds.Protocol.Tests.Http;

public sealed class GrpcTimeoutParserTests
{
    [Theory]
    [InlineData("1H", 36_000_000_000L)]
    [InlineData("2M", 1_200_000_000L)]
    [InlineData("3S", 30_000_000L)]
    [InlineData("4m", 40_000L)]
    [InlineData("5u", 50L)]
    [InlineData("150n", 2L)]
    [InlineData("99999999H", 99_999_999L * 36_000_000_000L)]
    public void TryParse_ValidValues_ParsedExactly(string value, long expectedTicks)
    {
        Assert.True(GrpcTimeoutParser.TryParse(value, out var timeout));
        Assert.Equal(expectedTicks, timeout.Ticks);
    }

    [Theory]
    [InlineData("")]
    [InlineData("S")]
    [InlineData("10")]
    [InlineData("123456789S")]
    [InlineData("1x")]
    [InlineData("1 S")]
    [InlineData("+1S")]
    public void TryParse_MalformedValues_Rejected(string value) =>
        Assert.False(GrpcTimeoutParser.TryParse(value, out _));

    [FsCheck.Xunit.Property]
    public Property TryParse_AnyEightDigitMilliseconds_RoundTrips() =>
        Prop.ForAll(
            Gen.Choose(0, 99_999_999).ToArbitrary(),
            ms => GrpcTimeoutParser.TryParse($"{ms}m", out var timeout) && timeout == TimeSpan.FromMilliseconds(ms));
}

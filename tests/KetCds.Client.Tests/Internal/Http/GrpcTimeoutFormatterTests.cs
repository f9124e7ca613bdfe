using FsCheck.Xunit;
using KetCds.Client.Internal.Http;

namespace KetCds.Client.Tests.Internal.Http;

public sealed class GrpcTimeoutFormatterTests
{
    [Theory]
    [InlineData(100 * TimeSpan.TicksPerMillisecond, "100m")]
    [InlineData(30 * TimeSpan.TicksPerSecond, "30S")]
    [InlineData(2 * TimeSpan.TicksPerHour, "2H")]
    [InlineData(90 * TimeSpan.TicksPerMinute, "90M")]
    [InlineData(1, "100n")]
    [InlineData(15 * TimeSpan.TicksPerMicrosecond, "15u")]
    [InlineData(123_456_789, "12345679u")]
    public void Format_KnownDurations_UsesLargestExactUnit(long ticks, string expected)
    {
        Assert.Equal(expected, GrpcTimeoutFormatter.Format(TimeSpan.FromTicks(ticks)));
    }

    [Fact]
    public void Format_InexactLongDuration_RoundsUpSoTheServerNeverCutsEarly()
    {
        // 100 s and one tick: not a whole number of any unit, too long for 8 digits of microseconds.
        var value = GrpcTimeoutFormatter.Format(TimeSpan.FromSeconds(100) + TimeSpan.FromTicks(1));
        Assert.Equal("100001m", value);
    }

    [Fact]
    public void Format_ZeroOrNegative_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => GrpcTimeoutFormatter.Format(TimeSpan.Zero));
        Assert.Throws<ArgumentOutOfRangeException>(() => GrpcTimeoutFormatter.Format(TimeSpan.FromSeconds(-1)));
    }

    [Property]
    public bool Format_AnyPositiveDuration_IsAtMostEightDigitsAndNeverShorter(uint rawTicks)
    {
        var ticks = (long)rawTicks * 997 + 1;
        var value = GrpcTimeoutFormatter.Format(TimeSpan.FromTicks(ticks));
        var digits = value[..^1];
        var unitTicks = value[^1] switch
        {
            'H' => TimeSpan.TicksPerHour,
            'M' => TimeSpan.TicksPerMinute,
            'S' => TimeSpan.TicksPerSecond,
            'm' => TimeSpan.TicksPerMillisecond,
            'u' => TimeSpan.TicksPerMicrosecond,
            'n' => 0,
            _ => -1,
        };
        var represented = unitTicks == 0 ? decimal.Parse(digits) / 100 : decimal.Parse(digits) * unitTicks;
        return digits.Length <= 8 && digits.All(char.IsAsciiDigit) && unitTicks >= 0 && represented >= ticks;
    }
}

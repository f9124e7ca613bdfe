using System.Globalization;

namespace KetCds.Client.Internal.Http;

/// <summary>Formats a remaining time as a <c>grpc-timeout</c> value: at most 8 digits followed by a unit.</summary>
internal static class GrpcTimeoutFormatter
{
    private const long MaxValue = 99_999_999;

    // Largest unit first, so whole values read naturally ("100m" rather than "100000u").
    private static readonly (char Unit, long Ticks)[] Units =
    [
        ('H', TimeSpan.TicksPerHour),
        ('M', TimeSpan.TicksPerMinute),
        ('S', TimeSpan.TicksPerSecond),
        ('m', TimeSpan.TicksPerMillisecond),
        ('u', TimeSpan.TicksPerMicrosecond),
    ];

    public static string Format(TimeSpan timeout)
    {
        if (timeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(timeout), timeout, "A gRPC timeout must be positive.");
        }

        var ticks = timeout.Ticks;
        foreach (var (unit, unitTicks) in Units)
        {
            if (ticks % unitTicks == 0 && ticks / unitTicks <= MaxValue)
            {
                return Render(ticks / unitTicks, unit);
            }
        }

        // Nanoseconds represent any tick count exactly while it fits in 8 digits.
        if (ticks * 100 <= MaxValue)
        {
            return Render(ticks * 100, 'n');
        }

        // Not exact in any unit: round up in the finest unit that fits, so the server never cuts the call short.
        for (var i = Units.Length - 1; i >= 0; i--)
        {
            var (unit, unitTicks) = Units[i];
            var value = (ticks + unitTicks - 1) / unitTicks;
            if (value <= MaxValue)
            {
                return Render(value, unit);
            }
        }

        return Render(MaxValue, 'H');
    }

    private static string Render(long value, char unit) =>
        value.ToString(CultureInfo.InvariantCulture) + unit;
}

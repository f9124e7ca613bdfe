namespace KetCds.Cli.Internal.Replay;

/// <summary>A clock stopped at a hook file's recording day, so ages and durations read from its dates replay unchanged.</summary>
internal sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}

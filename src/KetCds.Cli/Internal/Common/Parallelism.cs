namespace KetCds.Cli.Internal.Common;

/// <summary>The <c>--parallel</c> option's meaning: 0 (the default) uses every core.</summary>
internal static class Parallelism
{
    public static int Resolve(int requested) =>
        requested switch
        {
            < 0 => throw new CliException("--parallel must be 0 (every core) or a positive number of workers"),
            0 => Environment.ProcessorCount,
            _ => requested,
        };
}

namespace KetCds.Cli;

/// <summary>The process entry point of the <c>ketcds</c> tool.</summary>
internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        using var cancellation = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            // Let the running command stop cleanly instead of killing the process mid-write.
            e.Cancel = true;
            cancellation.Cancel();
        };
        return await CliApp.RunAsync(args, CliContext.ForProcess(), cancellation.Token).ConfigureAwait(false);
    }
}

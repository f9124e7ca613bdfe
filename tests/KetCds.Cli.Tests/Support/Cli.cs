using Microsoft.Extensions.Time.Testing;

namespace KetCds.Cli.Tests.Support;

/// <summary>Runs <c>ketcds</c> in-process with captured output, as the real entry point does.</summary>
internal static class Cli
{
    public static readonly DateTimeOffset Now = new(2025, 3, 4, 5, 6, 7, TimeSpan.Zero);

    public static async Task<CliResult> RunAsync(string workingDirectory, params string[] args)
    {
        using var output = new StringWriter { NewLine = "\n" };
        using var error = new StringWriter { NewLine = "\n" };
        var context = new CliContext(output, error, workingDirectory, new FakeTimeProvider(Now));
        var exit = await CliApp.RunAsync(args, context);
        return new CliResult(exit, output.ToString(), error.ToString());
    }
}

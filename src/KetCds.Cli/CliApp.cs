using System.CommandLine;
using KetCds.Cli.Internal.Common;
using KetCds.Cli.Internal.Coverage;
using KetCds.Cli.Internal.Diff;
using KetCds.Cli.Internal.Evaluate;
using KetCds.Cli.Internal.Explain;
using KetCds.Cli.Internal.Generate;
using KetCds.Cli.Internal.Lint;
using KetCds.Cli.Internal.Replay;
using KetCds.Cli.Internal.Review;

namespace KetCds.Cli;

/// <summary>The <c>ketcds</c> command line: parses arguments, runs one command and maps every failure to an exit code.</summary>
public static class CliApp
{
    /// <summary>Runs the command line <paramref name="args"/> in <paramref name="context"/> and returns the exit code (see <see cref="ExitCodes"/>).</summary>
    public static async Task<int> RunAsync(IReadOnlyList<string> args, CliContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(context);
        var root = CreateRootCommand(context);
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
            {
                await context.Error.WriteLineAsync("error: " + error.Message).ConfigureAwait(false);
            }

            await context.Error.WriteLineAsync("Run 'ketcds --help' (or 'ketcds COMMAND --help') for usage.").ConfigureAwait(false);
            return ExitCodes.UsageOrIo;
        }

        try
        {
            var configuration = new InvocationConfiguration { Output = context.Out, Error = context.Error, EnableDefaultExceptionHandler = false };
            return await parsed.InvokeAsync(configuration, cancellationToken).ConfigureAwait(false);
        }
        catch (CliException e)
        {
            await context.Error.WriteLineAsync("error: " + e.Message).ConfigureAwait(false);
            return ExitCodes.UsageOrIo;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await context.Error.WriteLineAsync("error: cancelled").ConfigureAwait(false);
            return ExitCodes.UsageOrIo;
        }
#pragma warning disable CA1031 // The tool's contract is one line and exit 2 for anything unexpected, never a stack trace.
        catch (Exception e)
#pragma warning restore CA1031
        {
            await context.Error.WriteLineAsync("error: " + OneLine(e.Message)).ConfigureAwait(false);
            return ExitCodes.UsageOrIo;
        }
    }

    /// <summary>The root command with every subcommand, bound to <paramref name="context"/>.</summary>
    public static RootCommand CreateRootCommand(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var root = new RootCommand(
            "ketcds: check, evaluate, explain and regression-test KetCds rule sets. Every command reads rule files and case files " +
            "through the same code as the server.");
        root.Subcommands.Add(LintCommand.Create(context));
        root.Subcommands.Add(EvaluateCommand.Create(context));
        root.Subcommands.Add(ExplainCommand.Create(context));
        root.Subcommands.Add(ReplayCommand.Create(context));
        root.Subcommands.Add(DiffCommand.Create(context));
        root.Subcommands.Add(CoverageCommand.Create(context));
        root.Subcommands.Add(GenerateCasesCommand.Create(context));
        root.Subcommands.Add(ReviewTableCommand.Create(context));
        root.Subcommands.Add(Internal.Audit.AuditCommand.Create(context));
        return root;
    }

    private static string OneLine(string message) => message.ReplaceLineEndings(" ").Trim();
}

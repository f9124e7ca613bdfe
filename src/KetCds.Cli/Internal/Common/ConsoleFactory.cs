using Spectre.Console;

namespace KetCds.Cli.Internal.Common;

/// <summary>Creates the Spectre console over the context's output: plain and fixed-width unless it is a terminal, so captured output is deterministic.</summary>
internal static class ConsoleFactory
{
    private const int RedirectedWidth = 120;

    public static IAnsiConsole Create(CliContext context)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(context.Out),
            Ansi = context.IsTerminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = context.IsTerminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = context.IsTerminal ? InteractionSupport.Detect : InteractionSupport.No,
        });
        if (!context.IsTerminal)
        {
            console.Profile.Width = RedirectedWidth;
            console.Profile.Capabilities.Unicode = true;
        }

        return console;
    }
}

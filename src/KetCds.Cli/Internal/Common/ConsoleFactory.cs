using Spectre.Console;
using Spectre.Console.Rendering;

namespace KetCds.Cli.Internal.Common;

/// <summary>Creates the Spectre console over the context's output: plain and fixed-width unless it is a terminal, so captured output is deterministic.</summary>
internal static class ConsoleFactory
{
    private const int RedirectedWidth = 120;

    public static IAnsiConsole Create(CliContext context) => Create(context.Out, context.IsTerminal);

    /// <summary>
    /// Writes <paramref name="renderable"/>; redirected, without the spaces Spectre pads wrapped lines with, so captured
    /// output has no trailing whitespace for a diff or a README to trip over.
    /// </summary>
    public static void Write(CliContext context, IRenderable renderable)
    {
        if (context.IsTerminal)
        {
            Create(context).Write(renderable);
            return;
        }

        using var buffer = new StringWriter { NewLine = "\n" };
        Create(buffer, isTerminal: false).Write(renderable);
        foreach (var line in buffer.ToString().Split('\n').SkipLast(1))
        {
            context.Out.Write(line.TrimEnd(' '));
            context.Out.Write('\n');
        }
    }

    private static IAnsiConsole Create(TextWriter output, bool isTerminal)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = isTerminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = isTerminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = isTerminal ? InteractionSupport.Detect : InteractionSupport.No,
        });
        if (!isTerminal)
        {
            console.Profile.Width = RedirectedWidth;
            console.Profile.Capabilities.Unicode = true;
        }

        return console;
    }
}

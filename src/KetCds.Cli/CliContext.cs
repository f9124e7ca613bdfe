namespace KetCds.Cli;

/// <summary>Where a command reads and writes: injected so tests run commands in-process with captured output.</summary>
/// <param name="Out">Standard output: results, reports and diagnostics a command was asked for.</param>
/// <param name="Error">Standard error: one-line error messages.</param>
/// <param name="WorkingDirectory">The directory relative paths are resolved against.</param>
/// <param name="Time">The clock, read only when a report is asked to carry a timestamp.</param>
/// <param name="IsTerminal">Whether <paramref name="Out"/> is an interactive terminal (progress bars and colour only then).</param>
public sealed record CliContext(TextWriter Out, TextWriter Error, string WorkingDirectory, TimeProvider Time, bool IsTerminal = false)
{
    /// <summary>The context of the running process: its console streams and current directory.</summary>
    public static CliContext ForProcess() =>
        new(Console.Out, Console.Error, Directory.GetCurrentDirectory(), TimeProvider.System, !Console.IsOutputRedirected);

    /// <summary>The absolute path of <paramref name="path"/>, resolved against <see cref="WorkingDirectory"/>.</summary>
    public string Resolve(string path) => Path.GetFullPath(path, WorkingDirectory);
}

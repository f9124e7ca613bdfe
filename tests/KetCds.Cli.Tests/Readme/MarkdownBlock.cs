namespace KetCds.Cli.Tests.Readme;

/// <summary>One fenced code block of a Markdown file: its info string (language), its lines, and where it starts.</summary>
internal sealed record MarkdownBlock(string Info, IReadOnlyList<string> Lines, int StartLine);

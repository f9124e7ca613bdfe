namespace KetCds.Cli.Internal.Diff;

/// <summary>The report formats, chosen by the report file's extension.</summary>
internal enum ReportFormat
{
    /// <summary>Markdown (.md, .markdown).</summary>
    Markdown,

    /// <summary>A standalone HTML page (.html, .htm).</summary>
    Html,
}

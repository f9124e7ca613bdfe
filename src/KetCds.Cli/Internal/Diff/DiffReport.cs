using System.Globalization;
using System.Text;
using KetCds.Cli.Internal.Common;

namespace KetCds.Cli.Internal.Diff;

/// <summary>Writes a decision diff as console text, Markdown or HTML; everything from rules and cases is escaped.</summary>
internal static class DiffReport
{
    public static ReportFormat FormatOf(string file) => Path.GetExtension(file).ToUpperInvariant() switch
    {
        ".MD" or ".MARKDOWN" => ReportFormat.Markdown,
        ".HTML" or ".HTM" => ReportFormat.Html,
        _ => throw new CliException($"--report '{file}': the extension decides the format; use .md (Markdown) or .html (HTML)"),
    };

    public static void WriteText(TextWriter output, DiffResult result)
    {
        output.WriteLine($"Decision diff: {result.From.Directory} ({result.From.Label}) -> {result.To.Directory} ({result.To.Label})");
        output.WriteLine(Summary(result));
        foreach (var diff in result.Changed)
        {
            output.WriteLine();
            output.WriteLine($"{diff.Case.Case.Id}{Title(diff)} ({diff.Case.Display})");
            if (diff.Error is not null)
            {
                output.WriteLine($"  error: {diff.Error}");
            }

            foreach (var entry in diff.Entries)
            {
                output.WriteLine($"  [{entry.Category}] {entry.Text}");
            }
        }
    }

    public static string Markdown(DiffResult result)
    {
        var md = new StringBuilder();
        md.Append("# Decision diff\n\n");
        md.Append(CultureInfo.InvariantCulture, $"- From: {Escape.MarkdownCode(result.From.Directory)} ({Escape.MarkdownCode(result.From.Label)})\n");
        md.Append(CultureInfo.InvariantCulture, $"- To: {Escape.MarkdownCode(result.To.Directory)} ({Escape.MarkdownCode(result.To.Label)})\n");
        md.Append(CultureInfo.InvariantCulture, $"- Cases: {Escape.MarkdownCode(result.CasesDirectory)}\n");
        if (result.GeneratedAt is { } at)
        {
            md.Append(CultureInfo.InvariantCulture, $"- Generated: {at.ToString("u", CultureInfo.InvariantCulture)}\n");
        }

        md.Append('\n').Append(Escape.Markdown(Summary(result))).Append('\n');
        foreach (var diff in result.Changed)
        {
            md.Append(CultureInfo.InvariantCulture, $"\n## {Escape.Markdown(diff.Case.Case.Id + Title(diff))}\n\n");
            md.Append(CultureInfo.InvariantCulture, $"Case file: {Escape.MarkdownCode(diff.Case.Display)}\n\n");
            if (diff.Error is not null)
            {
                md.Append(CultureInfo.InvariantCulture, $"- **Error:** {Escape.Markdown(diff.Error)}\n");
            }

            foreach (var entry in diff.Entries)
            {
                md.Append(CultureInfo.InvariantCulture, $"- **{Escape.Markdown(entry.Category)}:** {Escape.Markdown(entry.Text)}\n");
                foreach (var change in entry.Changes)
                {
                    md.Append(CultureInfo.InvariantCulture, $"  - {Escape.MarkdownCode(change.ToString())}\n");
                }
            }
        }

        return md.ToString();
    }

    public static string Html(DiffResult result)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Decision diff</title>\n");
        html.Append("<style>body{font-family:sans-serif;max-width:60em;margin:2em auto}code{background:#f4f4f4}li.raw{color:#555}</style>\n");
        html.Append("</head>\n<body>\n<h1>Decision diff</h1>\n<ul>\n");
        html.Append(CultureInfo.InvariantCulture, $"<li>From: <code>{Escape.Html(result.From.Directory)}</code> ({Escape.Html(result.From.Label)})</li>\n");
        html.Append(CultureInfo.InvariantCulture, $"<li>To: <code>{Escape.Html(result.To.Directory)}</code> ({Escape.Html(result.To.Label)})</li>\n");
        html.Append(CultureInfo.InvariantCulture, $"<li>Cases: <code>{Escape.Html(result.CasesDirectory)}</code></li>\n");
        if (result.GeneratedAt is { } at)
        {
            html.Append(CultureInfo.InvariantCulture, $"<li>Generated: {Escape.Html(at.ToString("u", CultureInfo.InvariantCulture))}</li>\n");
        }

        html.Append(CultureInfo.InvariantCulture, $"</ul>\n<p>{Escape.Html(Summary(result))}</p>\n");
        foreach (var diff in result.Changed)
        {
            html.Append(CultureInfo.InvariantCulture, $"<section>\n<h2>{Escape.Html(diff.Case.Case.Id + Title(diff))}</h2>\n");
            html.Append(CultureInfo.InvariantCulture, $"<p>Case file: <code>{Escape.Html(diff.Case.Display)}</code></p>\n<ul>\n");
            if (diff.Error is not null)
            {
                html.Append(CultureInfo.InvariantCulture, $"<li><strong>Error:</strong> {Escape.Html(diff.Error)}</li>\n");
            }

            foreach (var entry in diff.Entries)
            {
                html.Append(CultureInfo.InvariantCulture, $"<li><strong>{Escape.Html(entry.Category)}:</strong> {Escape.Html(entry.Text)}\n<ul>\n");
                foreach (var change in entry.Changes)
                {
                    html.Append(CultureInfo.InvariantCulture, $"<li class=\"raw\"><code>{Escape.Html(change.ToString())}</code></li>\n");
                }

                html.Append("</ul>\n</li>\n");
            }

            html.Append("</ul>\n</section>\n");
        }

        html.Append("</body>\n</html>\n");
        return html.ToString();
    }

    private static string Summary(DiffResult result)
    {
        var errors = result.Changed.Count(d => d.Error is not null);
        var changed = result.Changed.Length - errors;
        return $"{result.Compared} cases compared: {changed} changed, {result.Compared - changed - errors} unchanged" +
            (errors > 0 ? $", {errors} could not be evaluated" : string.Empty);
    }

    private static string Title(CaseDiff diff) => diff.Case.Case.Title.Length > 0 ? ": " + diff.Case.Case.Title : string.Empty;
}

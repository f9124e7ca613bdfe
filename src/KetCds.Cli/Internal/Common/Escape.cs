using System.Net;
using System.Text;

namespace KetCds.Cli.Internal.Common;

/// <summary>Escaping for the reports: everything that came from rule files or cases is escaped before it is written.</summary>
internal static class Escape
{
    public static string Html(string? text) => WebUtility.HtmlEncode(text ?? string.Empty);

    /// <summary>Escapes Markdown's inline syntax so titles and texts render literally.</summary>
    public static string Markdown(string? text)
    {
        var builder = new StringBuilder();
        foreach (var c in (text ?? string.Empty).ReplaceLineEndings(" "))
        {
            if (c is '\\' or '`' or '*' or '_' or '[' or ']' or '<' or '>' or '#' or '|' or '!' or '{' or '}')
            {
                builder.Append('\\');
            }

            builder.Append(c);
        }

        return builder.ToString();
    }

    /// <summary>A Markdown code span that survives backticks in its content.</summary>
    public static string MarkdownCode(string? text)
    {
        var content = (text ?? string.Empty).ReplaceLineEndings(" ");
        var fence = content.Contains('`', StringComparison.Ordinal) ? "`` " : "`";
        var close = fence.Length > 1 ? " ``" : "`";
        return fence + content + close;
    }
}

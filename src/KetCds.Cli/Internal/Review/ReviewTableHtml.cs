using System.Globalization;
using System.Text;
using KetCds.Cli.Internal.Common;
using KetCds.Rules;

namespace KetCds.Cli.Internal.Review;

/// <summary>The review table as a standalone HTML page; everything from rule and source files is escaped.</summary>
internal static class ReviewTableHtml
{
    public static string Format(ReviewTable table, DateTimeOffset? generatedAt)
    {
        var html = new StringBuilder();
        html.AppendLine("<!DOCTYPE html>").AppendLine("<html lang=\"en\"><head><meta charset=\"utf-8\">")
            .Append("<title>Rule set review: ").Append(Escape.Html(table.RuleSet)).AppendLine("</title>")
            .AppendLine("<style>body{font-family:sans-serif;margin:1.5em}table{border-collapse:collapse;width:100%}td,th{border:1px solid #ccc;padding:.3em;vertical-align:top;text-align:left}" +
                        ".kind-product-promotion{color:#a00}.kind-clinic-article{color:#a60}.kind-review-article{color:#060}.none{background:#fdd}</style>")
            .AppendLine("</head><body>")
            .Append("<h1>Rule set review: ").Append(Escape.Html(table.RuleSet)).AppendLine("</h1>");
        if (generatedAt is { } at)
        {
            html.Append("<p>Generated ").Append(at.ToString("u", CultureInfo.InvariantCulture)).AppendLine("</p>");
        }

        html.Append(CultureInfo.InvariantCulture, $"<p>{table.Groups.Sum(g => g.Rows.Length)} rules; cases from <code>{Escape.Html(table.CasesDirectory)}</code>: ")
            .AppendLine(CultureInfo.InvariantCulture, $"{table.CaseCount} read, {table.EvaluatedCount} evaluated.</p>");
        html.AppendLine("<h2>Sources</h2><table><tr><th>Source</th><th>Title</th><th>Kind</th><th>Quality</th></tr>");
        foreach (var document in table.Documents)
        {
            html.Append("<tr><td><code>").Append(Escape.Html(document.Id)).Append("</code></td><td>").Append(Escape.Html(document.Title))
                .Append("</td><td class=\"kind-").Append(Escape.Html(document.Kind)).Append("\">").Append(Escape.Html(document.Kind))
                .Append("</td><td>").Append(Escape.Html(document.Quality)).AppendLine("</td></tr>");
        }

        html.AppendLine("</table>");
        foreach (var group in table.Groups)
        {
            html.Append("<h2>").Append(Escape.Html(group.Title)).AppendLine("</h2>")
                .AppendLine("<table><tr><th>Rule</th><th>Conditions</th><th>Concludes</th><th>Citations (source kind)</th><th>Cases</th></tr>");
            foreach (var row in group.Rows)
            {
                html.Append("<tr id=\"").Append(Escape.Html(row.Id)).Append("\"><td><code>").Append(Escape.Html(row.Id)).Append("</code><br>")
                    .Append(Escape.Html(row.Title));
                if (row.Priority != 0)
                {
                    html.Append(CultureInfo.InvariantCulture, $"<br>priority {row.Priority}");
                }

                html.Append("</td><td>").Append(Escape.Html(row.Conditions)).Append("</td><td>")
                    .Append(string.Join("<br>", row.Concludes.Select(Escape.Html))).Append("</td><td>")
                    .Append(row.Claims.IsEmpty ? "none (derives or asks only)" : string.Join("<br>", row.Claims.Select(c => Claim(c, table))))
                    .Append(row.Cases.IsEmpty ? "</td><td class=\"none\">no case fires it" : $"</td><td>{row.Cases.Length}: " + string.Join(", ", row.Cases.Select(Escape.Html)))
                    .AppendLine("</td></tr>");
            }

            html.AppendLine("</table>");
        }

        return html.AppendLine("</body></html>").ToString();
    }

    private static string Claim(SourceClaim claim, ReviewTable table)
    {
        var kind = table.Documents.FirstOrDefault(d => d.Id == claim.DocumentId)?.Kind ?? "unknown";
        return $"<code>{Escape.Html(claim.Id)}</code> (<span class=\"kind-{Escape.Html(kind)}\">{Escape.Html(kind)}</span>): {Escape.Html(claim.Says)}";
    }
}

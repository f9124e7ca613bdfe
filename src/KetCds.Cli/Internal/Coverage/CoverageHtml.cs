using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using KetCds.Cli.Internal.Common;
using KetCds.Clinical.Regression;

namespace KetCds.Cli.Internal.Coverage;

/// <summary>The coverage report as a standalone HTML page; every name and title is escaped.</summary>
internal static class CoverageHtml
{
    public static string Format(string ruleSet, string casesDir, int cases, int evaluated, ImmutableArray<RuleCoverageEntry> entries, DateTimeOffset? generatedAt)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Rule coverage</title>\n");
        html.Append("<style>body{font-family:sans-serif;max-width:70em;margin:2em auto}td,th{padding:.2em .6em;text-align:left}tr.uncovered{background:#fde2e2}</style>\n");
        html.Append("</head>\n<body>\n<h1>Rule coverage</h1>\n");
        html.Append(CultureInfo.InvariantCulture, $"<p>{cases} cases from <code>{Escape.Html(casesDir)}</code> against {Escape.Html(ruleSet)}: {evaluated} evaluated.");
        html.Append(CultureInfo.InvariantCulture, $" Rules fired: {entries.Count(e => e.Fired > 0)} of {entries.Length}; seen both ways: {entries.Count(e => e.BothWays)}.</p>\n");
        if (generatedAt is { } at)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p>Generated {Escape.Html(at.ToString("u", CultureInfo.InvariantCulture))}</p>\n");
        }

        html.Append("<table>\n<thead><tr><th>Rule</th><th>Title</th><th>Fired</th><th>False</th><th>Unknown</th><th>Both ways</th></tr></thead>\n<tbody>\n");
        foreach (var entry in entries)
        {
            var css = entry.Fired == 0 ? " class=\"uncovered\"" : string.Empty;
            html.Append(CultureInfo.InvariantCulture, $"<tr{css}><td><code>{Escape.Html(entry.RuleId)}</code></td><td>{Escape.Html(entry.Title)}</td>");
            html.Append(CultureInfo.InvariantCulture, $"<td>{entry.Fired}</td><td>{entry.False}</td><td>{entry.Unknown}</td><td>{(entry.BothWays ? "yes" : "no")}</td></tr>\n");
        }

        html.Append("</tbody>\n</table>\n<h2>Uncovered rules</h2>\n<ul>\n");
        foreach (var entry in entries.Where(e => e.Fired == 0))
        {
            html.Append(CultureInfo.InvariantCulture, $"<li><code>{Escape.Html(entry.RuleId)}</code>: {Escape.Html(entry.Title)}</li>\n");
        }

        html.Append("</ul>\n</body>\n</html>\n");
        return html.ToString();
    }
}

using System.Globalization;
using System.Text;
using KetCds.Cli.Internal.Common;
using KetCds.Rules;

namespace KetCds.Cli.Internal.Review;

/// <summary>The review table as Markdown; everything from rule and source files is escaped.</summary>
internal static class ReviewTableMarkdown
{
    public static string Format(ReviewTable table, DateTimeOffset? generatedAt)
    {
        var md = new StringBuilder();
        md.Append("# Rule set review: ").AppendLine(Escape.Markdown(table.RuleSet)).AppendLine();
        if (generatedAt is { } at)
        {
            md.Append("Generated ").AppendLine(at.ToString("u", CultureInfo.InvariantCulture)).AppendLine();
        }

        md.Append(CultureInfo.InvariantCulture, $"{table.Groups.Sum(g => g.Rows.Length)} rules; cases from {Escape.MarkdownCode(table.CasesDirectory)}: ")
          .AppendLine(CultureInfo.InvariantCulture, $"{table.CaseCount} read, {table.EvaluatedCount} evaluated. Each rule lists its condition in words, what it concludes, the claims it rests on with each source's kind (the quality of each source is below), and the cases that fire it.")
          .AppendLine();
        md.AppendLine("## Sources").AppendLine();
        md.AppendLine("| Source | Title | Kind | Quality |").AppendLine("|---|---|---|---|");
        foreach (var document in table.Documents)
        {
            md.Append("| ").Append(Escape.MarkdownCode(document.Id)).Append(" | ").Append(Escape.Markdown(document.Title)).Append(" | ")
              .Append(Escape.Markdown(document.Kind)).Append(" | ").Append(Escape.Markdown(document.Quality)).AppendLine(" |");
        }

        foreach (var group in table.Groups)
        {
            md.AppendLine().Append("## ").AppendLine(Escape.Markdown(group.Title)).AppendLine();
            md.AppendLine("| Rule | Conditions | Concludes | Citations (source kind) | Cases |").AppendLine("|---|---|---|---|---|");
            foreach (var row in group.Rows)
            {
                md.Append("| ").Append(Escape.MarkdownCode(row.Id)).Append("<br>").Append(Escape.Markdown(row.Title));
                if (row.Priority != 0)
                {
                    md.Append(CultureInfo.InvariantCulture, $"<br>priority {row.Priority}");
                }

                md.Append(" | ").Append(Escape.Markdown(row.Conditions))
                  .Append(" | ").Append(string.Join("<br>", row.Concludes.Select(Escape.Markdown)))
                  .Append(" | ").Append(row.Claims.IsEmpty ? "none (derives or asks only)" : string.Join("<br>", row.Claims.Select(c => Claim(c, table))))
                  .Append(" | ").Append(row.Cases.IsEmpty ? "**no case fires it**" : $"{row.Cases.Length}: " + string.Join(", ", row.Cases.Select(Escape.MarkdownCode)))
                  .AppendLine(" |");
            }
        }

        return md.ToString();
    }

    private static string Claim(SourceClaim claim, ReviewTable table)
    {
        var kind = table.Documents.FirstOrDefault(d => d.Id == claim.DocumentId)?.Kind ?? "unknown";
        return $"{Escape.MarkdownCode(claim.Id)} ({Escape.Markdown(kind)}): {Escape.Markdown(claim.Says)}";
    }
}

namespace KetCds.Cli.Tests.Readme;

/// <summary>Reads the fenced code blocks of one <c>## </c> section of a Markdown file, in order.</summary>
internal static class MarkdownSection
{
    public static IReadOnlyList<MarkdownBlock> Blocks(string path, string heading)
    {
        var lines = File.ReadAllLines(path);
        var start = Array.FindIndex(lines, l => l == "## " + heading);
        Assert.True(start >= 0, $"{path} has no section '## {heading}'");
        var blocks = new List<MarkdownBlock>();
        for (var i = start + 1; i < lines.Length && !lines[i].StartsWith("## ", StringComparison.Ordinal); i++)
        {
            if (!lines[i].StartsWith("```", StringComparison.Ordinal))
            {
                continue;
            }

            var info = lines[i][3..].Trim();
            var body = new List<string>();
            var first = i + 1;
            for (i++; i < lines.Length && lines[i] != "```"; i++)
            {
                body.Add(lines[i]);
            }

            blocks.Add(new MarkdownBlock(info, body, first + 1));
        }

        return blocks;
    }
}

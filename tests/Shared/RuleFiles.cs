namespace KetCds.Tests.Shared;

/// <summary>Edits of a rule-set folder that tests make the way an author would.</summary>
internal static class RuleFiles
{
    /// <summary>Replaces <paramref name="oldText"/> in every YAML file under <paramref name="directory"/>, as a rename across the rule set; fails the test when no file had it.</summary>
    public static void ReplaceEverywhere(string directory, string oldText, string newText)
    {
        var changed = 0;
        foreach (var file in Directory.EnumerateFiles(directory, "*.yaml", SearchOption.AllDirectories))
        {
            var text = File.ReadAllText(file);
            if (text.Contains(oldText, StringComparison.Ordinal))
            {
                File.WriteAllText(file, text.Replace(oldText, newText, StringComparison.Ordinal));
                changed++;
            }
        }

        Assert.True(changed > 0, $"'{oldText}' is in no rule file");
    }
}

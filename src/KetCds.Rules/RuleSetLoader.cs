using KetCds.Rules.Internal;

namespace KetCds.Rules;

/// <summary>Loads a rule-set directory (manifest, vocabulary, source catalog and rule files) and validates all of it.</summary>
public static class RuleSetLoader
{
    /// <summary>
    /// Reads and checks every file under <paramref name="directory"/> and compiles the rules. Reports every error at once,
    /// sorted by file, line and column; returns a loaded rule set only when there is none. Never throws for bad content
    /// or an unreadable directory: those are errors in the result. The same files give the same result.
    /// </summary>
    public static RuleSetLoadResult Load(string directory) => Load(directory, null);

    /// <summary>
    /// As <see cref="Load(string)"/>, and also checks the vocabulary and outcomes against what a consumer expects
    /// (<paramref name="contract"/>): each mismatch is an error at the declaration or rule that breaks it.
    /// </summary>
    public static RuleSetLoadResult Load(string directory, VocabularyContract? contract)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        return LoadPipeline.Run(RuleSetFiles.Read(directory), contract);
    }

    /// <summary>
    /// Checks and compiles files already read into memory, without touching the disk again: what is validated is
    /// exactly what was read. The same files give the same result.
    /// </summary>
    public static RuleSetLoadResult Load(RuleSetFiles files) => Load(files, null);

    /// <summary>As <see cref="Load(RuleSetFiles)"/>, checking <paramref name="contract"/> too (see <see cref="Load(string, VocabularyContract)"/>).</summary>
    public static RuleSetLoadResult Load(RuleSetFiles files, VocabularyContract? contract)
    {
        ArgumentNullException.ThrowIfNull(files);
        return LoadPipeline.Run(files, contract);
    }
}

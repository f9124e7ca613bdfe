namespace KetCds.Rules.Internal;

/// <summary>How much of a rule-set directory is read into memory: far above any real rule set, far below harm.</summary>
internal static class RuleSetReadLimits
{
    /// <summary>The largest single rule-set file read (a 10,000-rule file is about 3 MiB).</summary>
    public const long MaxFileBytes = 16L * 1024 * 1024;

    /// <summary>The most read from one directory in all.</summary>
    public const long MaxTotalBytes = 64L * 1024 * 1024;
}

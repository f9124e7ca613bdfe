namespace KetCds.Cli;

/// <summary>The process exit codes every command uses.</summary>
public static class ExitCodes
{
    /// <summary>Success: the rules are clean, every case passed, or a report was written.</summary>
    public const int Ok = 0;

    /// <summary>The check failed: rule errors, failing or erroneous cases.</summary>
    public const int Failed = 1;

    /// <summary>Usage or I/O error: bad arguments, missing files or directories, unreadable input.</summary>
    public const int UsageOrIo = 2;
}

namespace KetCds.Cli.Internal.Common;

/// <summary>A usage or I/O problem reported to the user as one line, with exit code 2.</summary>
internal sealed class CliException : Exception
{
    public CliException(string message)
        : base(message)
    {
    }

    public CliException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public CliException()
    {
    }
}

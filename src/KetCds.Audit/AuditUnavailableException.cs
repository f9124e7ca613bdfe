namespace KetCds.Audit;

/// <summary>The trail could not be written or read; a fail-closed caller answers UNAVAILABLE.</summary>
public sealed class AuditUnavailableException : Exception
{
    /// <summary>Creates the exception with a message.</summary>
    public AuditUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the store's error.</summary>
    public AuditUnavailableException(string message, Exception inner)
        : base(message, inner)
    {
    }

    /// <summary>Creates the exception with a default message.</summary>
    public AuditUnavailableException()
        : base("the audit trail is unavailable")
    {
    }
}

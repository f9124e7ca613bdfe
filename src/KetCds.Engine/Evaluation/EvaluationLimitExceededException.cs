namespace KetCds.Engine;

/// <summary>Thrown when an evaluation exceeds its firing cap; no partial result is returned.</summary>
public sealed class EvaluationLimitExceededException : Exception
{
    /// <summary>Creates the exception.</summary>
    public EvaluationLimitExceededException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public EvaluationLimitExceededException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    public EvaluationLimitExceededException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

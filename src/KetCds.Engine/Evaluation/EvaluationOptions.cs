namespace KetCds.Engine;

/// <summary>Bounds and settings for one evaluation.</summary>
public sealed record EvaluationOptions
{
    /// <summary>The default options.</summary>
    public static EvaluationOptions Default { get; } = new();

    /// <summary>The most rule firings one evaluation may perform before it is stopped with <see cref="EvaluationLimitExceededException"/>.</summary>
    public int MaxFirings { get; init; } = 100_000;

    /// <summary>Told the outcome of every rule when an evaluation completes; null (the default) costs nothing.</summary>
    public IEvaluationListener? Listener { get; init; }
}

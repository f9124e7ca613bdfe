namespace KetCds.Engine;

/// <summary>
/// A second implementation of the matcher, bound to one compiled rule-set version: it runs the rules over validated
/// input facts and reports the final match, from which the engine builds its ordinary <see cref="RuleSetEvaluation"/>.
/// </summary>
public interface IExternalMatcher
{
    /// <summary>A short name for the implementation, e.g. <c>nrules</c>.</summary>
    string Name { get; }

    /// <summary>Runs the rule set over <paramref name="facts"/> (already validated against the vocabulary) and reports the final match.</summary>
    /// <exception cref="EvaluationLimitExceededException">More than <see cref="EvaluationOptions.MaxFirings"/> rules would fire.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    ExternalMatch Match(FactSet facts, EvaluationOptions options, CancellationToken cancellationToken);
}

namespace KetCds.Engine;

/// <summary>
/// Observes evaluations as they complete (after NRules' event aggregator), for rule coverage, tracing or metrics without
/// asking the result about every rule afterwards. Attach one with <see cref="EvaluationOptions.Listener"/>; with none
/// attached the engine does no work for it. Calls come on the evaluating thread, so a listener shared by concurrent
/// evaluations must be thread-safe. Further events will come as members with a default body.
/// </summary>
public interface IEvaluationListener
{
    /// <summary>
    /// One rule's condition in an evaluation that completed (none are raised for an evaluation that throws): called once
    /// per rule of the rule set, in the rule set's order; <paramref name="truth"/> is true exactly when the rule fired.
    /// </summary>
    void RuleEvaluated(Rule rule, Truth truth);
}

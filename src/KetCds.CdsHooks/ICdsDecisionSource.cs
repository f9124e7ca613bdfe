using KetCds.Contracts.V1;

namespace KetCds.CdsHooks;

/// <summary>Where hook answers come from: the server's current rule set, or a local one for replay. Knows rules; the hooks do not.</summary>
public interface ICdsDecisionSource
{
    /// <summary>Evaluates one patient against the current rule set; null while no rule set is loaded.</summary>
    CdsDecision? Evaluate(PatientFacts patient, CancellationToken cancellationToken);
}

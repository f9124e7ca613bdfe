using KetCds.CdsHooks;
using KetCds.Contracts.V1;
using KetCds.Server.Internal.Calls;
using KetCds.Server.Internal.RuleSets;

namespace KetCds.Server.Internal.CdsHooks;

/// <summary>The CDS Hooks' view of the served rule set: one snapshot per call, like every gRPC call, so a hook answer
/// names the one version that produced it.</summary>
internal sealed class ServerCdsDecisionSource(RuleSetHost host, ServerMetrics metrics) : ICdsDecisionSource
{
    public CdsDecision? Evaluate(PatientFacts patient, CancellationToken cancellationToken)
    {
        if (host.State.Current is not { } snapshot)
        {
            return null;
        }

        var started = metrics.Start();
        var evaluation = snapshot.Evaluator.Evaluate(patient, cancellationToken);
        metrics.Evaluated(started, snapshot.Label);
        return new CdsDecision(evaluation.Result, evaluation.Violations, snapshot.Identity, snapshot.Catalog);
    }
}

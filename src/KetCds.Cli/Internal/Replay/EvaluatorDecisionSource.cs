using KetCds.CdsHooks;
using KetCds.Clinical;
using KetCds.Contracts.V1;

namespace KetCds.Cli.Internal.Replay;

/// <summary>The CDS Hooks' decision source over a local rule set, for replaying hook calls in process.</summary>
internal sealed class EvaluatorDecisionSource(ClinicalEvaluator evaluator) : ICdsDecisionSource
{
    private readonly GetSourceCatalogResponse _catalog = Catalog(evaluator);

    public CdsDecision? Evaluate(PatientFacts patient, CancellationToken cancellationToken)
    {
        var evaluation = evaluator.Evaluate(patient, cancellationToken);
        return new CdsDecision(evaluation.Result, evaluation.Violations, evaluation.RuleSet, _catalog);
    }

    private static GetSourceCatalogResponse Catalog(ClinicalEvaluator evaluator)
    {
        var catalog = new GetSourceCatalogResponse { RuleSet = evaluator.Identity };
        catalog.Documents.AddRange(RuleSetContracts.Catalog(evaluator.RuleSet));
        return catalog;
    }
}

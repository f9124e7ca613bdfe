using KetCds.Contracts.V1;

namespace KetCds.CdsHooks;

/// <summary>One evaluation as the contract carries it, with the catalog the cards cite from.</summary>
/// <param name="Result">The result; null when the facts were invalid.</param>
/// <param name="Violations">Why the facts were invalid; empty when valid.</param>
/// <param name="RuleSet">The rule set version that answered.</param>
/// <param name="Catalog">That version's source catalog (documents and claims), for card sources.</param>
public sealed record CdsDecision(EvaluationResult? Result, IReadOnlyList<FieldViolation> Violations, RuleSetIdentity RuleSet, GetSourceCatalogResponse Catalog);

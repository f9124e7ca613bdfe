using KetCds.Contracts.V1;
using KetCds.Rules;
using EngineJustification = KetCds.Engine.Justification;

namespace KetCds.Clinical.Internal;

/// <summary>Turns engine justification trees into contract ones with every citation resolved against the catalog.</summary>
internal sealed class JustificationBuilder(SourceCatalog catalog)
{
    private readonly Dictionary<string, Justification> _byRule = new(StringComparer.Ordinal);

    public Justification Build(EngineJustification justification)
    {
        // One rule has one justification per evaluation; build it once even when it emitted several outcomes.
        if (_byRule.TryGetValue(justification.RuleId, out var built))
        {
            return built;
        }

        built = new Justification { RuleId = justification.RuleId, RuleTitle = justification.RuleTitle };
        foreach (var fact in justification.MatchedFacts)
        {
            built.MatchedFacts.Add(new Contracts.V1.FactValue { Name = fact.Name, Value = fact.Value?.ToString() ?? "(unknown)" });
        }

        foreach (var premise in justification.Premises)
        {
            built.Premises.Add(Build(premise));
        }

        foreach (var claimId in justification.Citations)
        {
            built.Citations.Add(Cite(claimId));
        }

        _byRule[justification.RuleId] = built;
        return built;
    }

    public Citation Cite(string claimId)
    {
        // The loader refuses rule sets with unresolved citations, so a miss here is a programming error.
        var claim = catalog.FindClaim(claimId) ?? throw new InvalidOperationException($"claim '{claimId}' is not in the catalog");
        return new Citation
        {
            ClaimId = claim.Id,
            SourceId = claim.DocumentId,
            Section = claim.Section,
            Anchor = claim.Anchor,
            Statement = claim.Says,
        };
    }
}

using KetCds.Contracts.V1;
using KetCds.Engine;

namespace KetCds.Clinical.Internal;

/// <summary>
/// Turns engine justification trees into contract ones with every citation resolved against the catalog; the
/// citations themselves are the version's shared instances.
/// </summary>
internal sealed class JustificationBuilder(StandardParts parts)
{
    private readonly Dictionary<string, Justification> _byRule = new(StringComparer.Ordinal);

    public Justification Build(RuleJustification justification)
    {
        // One rule has one justification per evaluation; build it once even when it emitted several outcomes.
        if (_byRule.TryGetValue(justification.RuleId, out var built))
        {
            return built;
        }

        built = new Justification { RuleId = justification.RuleId, RuleTitle = justification.RuleTitle };
        foreach (var fact in justification.MatchedFacts)
        {
            built.MatchedFacts.Add(new FactValue { Name = fact.Name, Value = fact.Value?.ToString() ?? "(unknown)" });
        }

        foreach (var premise in justification.Premises)
        {
            built.Premises.Add(Build(premise));
        }

        foreach (var claimId in justification.Citations)
        {
            built.Citations.Add(parts.FullCitation(claimId));
        }

        _byRule[justification.RuleId] = built;
        return built;
    }
}

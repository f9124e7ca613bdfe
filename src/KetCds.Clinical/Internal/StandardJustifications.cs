using System.Collections.Frozen;
using KetCds.Contracts.V1;
using KetCds.Rules;

namespace KetCds.Clinical.Internal;

/// <summary>
/// The STANDARD justification of every rule (its id, title and claims by id), built once per rule-set version:
/// it depends only on the rule, so no evaluation needs to walk explanation trees to produce it.
/// </summary>
internal sealed class StandardJustifications
{
    private readonly FrozenDictionary<string, Justification> _byRule;

    public StandardJustifications(LoadedRuleSet ruleSet)
    {
        _byRule = ruleSet.Compiled.Model.Rules.ToFrozenDictionary(
            rule => rule.Id,
            rule =>
            {
                var justification = new Justification { RuleId = rule.Id, RuleTitle = rule.Title };
                foreach (var claimId in rule.Citations)
                {
                    var claim = ruleSet.Catalog.FindClaim(claimId) ?? throw new InvalidOperationException($"claim '{claimId}' is not in the catalog");
                    justification.Citations.Add(new Citation { ClaimId = claim.Id, SourceId = claim.DocumentId });
                }

                return justification;
            },
            StringComparer.Ordinal);
    }

    /// <summary>A copy for one result, so no caller can change what later results share.</summary>
    public Justification For(string ruleId) => _byRule[ruleId].Clone();
}

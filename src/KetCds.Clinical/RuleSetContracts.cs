using KetCds.Contracts.V1;
using KetCds.Engine;
using KetCds.Rules;

namespace KetCds.Clinical;

/// <summary>The contract views of a loaded rule set: its identity, its rules and its source catalog.</summary>
public static class RuleSetContracts
{
    /// <summary>The rule set's identity.</summary>
    public static RuleSetIdentity Identity(LoadedRuleSet ruleSet)
    {
        ArgumentNullException.ThrowIfNull(ruleSet);
        return new RuleSetIdentity
        {
            Name = ruleSet.Identity.Name,
            Version = ruleSet.Identity.Version,
            ContentSha256 = ruleSet.Identity.ContentSha256,
        };
    }

    /// <summary>The contract identity as one label, <c>name@version+hash12</c>: the same text as <see cref="VersionIdentity.ToString"/>.</summary>
    public static string Label(RuleSetIdentity identity)
    {
        ArgumentNullException.ThrowIfNull(identity);
        return VersionIdentity.Label(identity.Name, identity.Version, identity.ContentSha256);
    }

    /// <summary>Every rule with its metadata, sorted by id.</summary>
    public static IEnumerable<RuleInfo> Rules(LoadedRuleSet ruleSet)
    {
        ArgumentNullException.ThrowIfNull(ruleSet);
        foreach (var rule in ruleSet.Compiled.Model.Rules.OrderBy(r => r.Id, StringComparer.Ordinal))
        {
            var info = new RuleInfo
            {
                Id = rule.Id,
                Title = rule.Title,
                Description = rule.Description,
                Priority = rule.Priority,
                File = rule.Location?.File ?? string.Empty,
            };
            info.ClaimIds.AddRange(rule.Citations);
            info.OutcomeCodes.AddRange(rule.Then.OfType<EmitAction>().Select(e => e.Code).Distinct().Order(StringComparer.Ordinal));
            yield return info;
        }
    }

    /// <summary>The source catalog: every document with its claims, sorted by id.</summary>
    public static IEnumerable<SourceDocument> Catalog(LoadedRuleSet ruleSet)
    {
        ArgumentNullException.ThrowIfNull(ruleSet);
        var citedBy = ruleSet.Compiled.Model.Rules
            .SelectMany(r => r.Citations.Select(c => (Claim: c, Rule: r.Id)))
            .ToLookup(x => x.Claim, x => x.Rule, StringComparer.Ordinal);
        foreach (var document in ruleSet.Catalog.Documents)
        {
            var built = new SourceDocument
            {
                Id = document.Id,
                Title = document.Title,
                Kind = Internal.SourceKinds.Of(document.Kind),
                QualityNote = document.Quality,
            };
            foreach (var claim in ruleSet.Catalog.ClaimsOf(document.Id))
            {
                var item = new Claim
                {
                    Id = claim.Id,
                    Statement = claim.Says,
                    Marker = claim.Marker ?? string.Empty,
                    Section = claim.Section,
                    Anchor = claim.Anchor,
                    Topic = claim.Topic,
                    NotEncodedReason = claim.NotEncoded ?? string.Empty,
                };
                item.EncodedByRuleIds.AddRange(citedBy[claim.Id].Order(StringComparer.Ordinal));
                built.Claims.Add(item);
            }

            yield return built;
        }
    }
}

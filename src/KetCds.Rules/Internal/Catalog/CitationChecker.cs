using KetCds.Engine;
using KetCds.Rules.Internal.Rules;

namespace KetCds.Rules.Internal.Catalog;

/// <summary>Checks rules' citations against the catalog and finds claims no rule uses.</summary>
internal static class CitationChecker
{
    /// <param name="rules">Every rule read.</param>
    /// <param name="catalog">The claims read.</param>
    /// <param name="rulesComplete">False when some rule file could not be read: then "uncited" cannot be judged.</param>
    /// <param name="diagnostics">Where errors and warnings go.</param>
    public static void Check(IReadOnlyList<ParsedRule> rules, CatalogAssembler catalog, bool rulesComplete, Diagnostics diagnostics)
    {
        var cited = new HashSet<string>(StringComparer.Ordinal);
        foreach (var rule in rules)
        {
            foreach (var citation in rule.Citations)
            {
                cited.Add(citation.ClaimId);
                if (!catalog.Claims.TryGetValue(citation.ClaimId, out var claim))
                {
                    if (catalog.Complete)
                    {
                        diagnostics.Error(citation.Location, $"rule '{rule.Rule.Id}' cites unknown claim '{citation.ClaimId}'", NameSuggester.Suggest(citation.ClaimId, catalog.Claims.Keys));
                    }
                }
                else if (claim.NotEncoded is not null)
                {
                    diagnostics.Error(citation.Location, $"rule '{rule.Rule.Id}' cites claim '{claim.Id}', which is marked not_encoded; remove the citation or the not_encoded mark");
                }
            }
        }

        if (!rulesComplete)
        {
            return;
        }

        foreach (var claim in catalog.Claims.Values.Where(c => c.NotEncoded is null && !cited.Contains(c.Id)))
        {
            diagnostics.Warning(claim.IdLocation, $"claim '{claim.Id}' is cited by no rule and not marked not_encoded");
        }
    }
}

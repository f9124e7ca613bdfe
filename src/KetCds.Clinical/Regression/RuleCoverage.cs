using System.Collections.Immutable;
using KetCds.Engine;

namespace KetCds.Clinical.Regression;

/// <summary>Accumulates, over many evaluations, how often each rule's condition was true, false and unknown.</summary>
public sealed class RuleCoverage
{
    private readonly CompiledRuleSet _ruleSet;
    private readonly Dictionary<string, (int True, int False, int Unknown)> _counts;

    /// <summary>Creates an empty coverage record over a rule set.</summary>
    public RuleCoverage(CompiledRuleSet ruleSet)
    {
        ArgumentNullException.ThrowIfNull(ruleSet);
        _ruleSet = ruleSet;
        _counts = ruleSet.Model.Rules.ToDictionary(r => r.Id, _ => (0, 0, 0), StringComparer.Ordinal);
    }

    /// <summary>Records one evaluation.</summary>
    public void Add(RuleSetEvaluation result)
    {
        ArgumentNullException.ThrowIfNull(result);
        foreach (var id in _counts.Keys.ToArray())
        {
            var (t, f, u) = _counts[id];
            _counts[id] = result.RuleResult(id) switch
            {
                Truth.True => (t + 1, f, u),
                Truth.False => (t, f + 1, u),
                _ => (t, f, u + 1),
            };
        }
    }

    /// <summary>Per rule, sorted by id: how many evaluations found its condition true, false and unknown.</summary>
    public ImmutableArray<RuleCoverageEntry> Entries =>
        [.. _counts.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => new RuleCoverageEntry(p.Key, _ruleSet.FindRule(p.Key)!.Title, p.Value.True, p.Value.False, p.Value.Unknown))];

    /// <summary>The rules no evaluation fired, sorted.</summary>
    public ImmutableArray<string> Uncovered => [.. Entries.Where(e => e.Fired == 0).Select(e => e.RuleId)];
}

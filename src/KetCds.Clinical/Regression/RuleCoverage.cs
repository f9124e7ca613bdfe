using System.Collections.Frozen;
using System.Collections.Immutable;
using KetCds.Engine;

namespace KetCds.Clinical.Regression;

/// <summary>
/// Accumulates, over many evaluations, how often each rule's condition was true, false and unknown. It listens to the
/// engine (<see cref="EvaluationOptions.Listener"/>, or <see cref="ClinicalEvaluator.WithListener"/>) instead of asking
/// every result about every rule afterwards; it is safe to share between concurrent evaluations.
/// </summary>
public sealed class RuleCoverage : IEvaluationListener
{
    private readonly string[] _ids;
    private readonly string[] _titles;
    private readonly FrozenDictionary<string, int> _index;
    private readonly int[] _fired;
    private readonly int[] _false;
    private readonly int[] _unknown;

    /// <summary>Creates an empty coverage record over a rule set.</summary>
    public RuleCoverage(CompiledRuleSet ruleSet)
    {
        ArgumentNullException.ThrowIfNull(ruleSet);
        var rules = ruleSet.Model.Rules.OrderBy(r => r.Id, StringComparer.Ordinal).ToArray();
        _ids = [.. rules.Select(r => r.Id)];
        _titles = [.. rules.Select(r => r.Title)];
        _index = _ids.Select((id, i) => KeyValuePair.Create(id, i)).ToFrozenDictionary(StringComparer.Ordinal);
        _fired = new int[rules.Length];
        _false = new int[rules.Length];
        _unknown = new int[rules.Length];
    }

    /// <summary>Counts one rule's outcome in one evaluation.</summary>
    /// <exception cref="ArgumentException">The rule is not one of this rule set's.</exception>
    public void RuleEvaluated(Rule rule, Truth truth)
    {
        ArgumentNullException.ThrowIfNull(rule);
        if (!_index.TryGetValue(rule.Id, out var i))
        {
            throw new ArgumentException($"rule '{rule.Id}' is not in the rule set this coverage counts", nameof(rule));
        }

        var counts = truth switch
        {
            Truth.True => _fired,
            Truth.False => _false,
            _ => _unknown,
        };
        Interlocked.Increment(ref counts[i]);
    }

    /// <summary>Per rule, sorted by id: how many evaluations found its condition true, false and unknown.</summary>
    public ImmutableArray<RuleCoverageEntry> Entries =>
        [.. _ids.Select((id, i) => new RuleCoverageEntry(id, _titles[i], Volatile.Read(ref _fired[i]), Volatile.Read(ref _false[i]), Volatile.Read(ref _unknown[i])))];

    /// <summary>The rules no evaluation fired, sorted.</summary>
    public ImmutableArray<string> Uncovered => [.. Entries.Where(e => e.Fired == 0).Select(e => e.RuleId)];
}

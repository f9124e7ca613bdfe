using System.Collections.Frozen;
using KetCds.Contracts.V1;
using KetCds.Engine;
using KetCds.Rules;
using Justification = KetCds.Contracts.V1.Justification;

namespace KetCds.Clinical.Internal;

/// <summary>
/// Everything in a STANDARD result that depends only on the rule set, built once per rule-set version: each rule's
/// justification (id, title, claims by id) and each emitted outcome's statement, alert or risk modifier. Results share
/// these instances, so nothing may mutate them; <see cref="ClinicalEvaluator"/> documents that for callers.
/// </summary>
internal sealed class StandardParts
{
    private readonly FrozenDictionary<string, Justification> _byRule;
    private readonly FrozenDictionary<(string RuleId, string Code), StandardOutcomeParts> _byOutcome;

    public StandardParts(LoadedRuleSet ruleSet)
    {
        _byRule = ruleSet.Compiled.Model.Rules.ToFrozenDictionary(rule => rule.Id, rule => Build(ruleSet, rule), StringComparer.Ordinal);

        // A rule emitting one code twice (with different texts or attributes) has no single part to share; it is built per result.
        var byOutcome = new Dictionary<(string, string), StandardOutcomeParts?>();
        foreach (var rule in ruleSet.Compiled.Model.Rules)
        {
            foreach (var emit in rule.Then.OfType<EmitAction>())
            {
                var key = (rule.Id, emit.Code);
                byOutcome[key] = byOutcome.ContainsKey(key) ? null : Build(new Outcome(emit.Kind, emit.Code, emit.Text, emit.Attributes, rule.Id, rule.Citations.IsDefault ? [] : rule.Citations), _byRule[rule.Id]);
            }
        }

        _byOutcome = byOutcome.Where(p => p.Value is not null).ToFrozenDictionary(p => p.Key, p => p.Value!);
    }

    /// <summary>The shared justification of a rule.</summary>
    public Justification For(string ruleId) => _byRule[ruleId];

    /// <summary>The outcome as a statement.</summary>
    public Statement Statement(Outcome outcome) =>
        Find(outcome)?.Statement ?? ResultParts.Statement(outcome, For(outcome.RuleId));

    /// <summary>The outcome as an alert.</summary>
    public Alert Alert(Outcome outcome) =>
        Find(outcome)?.Alert ?? ResultParts.Alert(outcome, For(outcome.RuleId));

    /// <summary>The outcome as a risk modifier.</summary>
    public RiskModifier Risk(Outcome outcome) =>
        Find(outcome)?.Risk ?? ResultParts.Risk(outcome, For(outcome.RuleId));

    private StandardOutcomeParts? Find(Outcome outcome) =>
        _byOutcome.TryGetValue((outcome.RuleId, outcome.Code), out var parts) && string.Equals(parts.Statement.Text, outcome.Text, StringComparison.Ordinal) ? parts : null;

    private static StandardOutcomeParts Build(Outcome outcome, Justification justification) => new(
        ResultParts.Statement(outcome, justification),
        outcome.Kind == OutcomeKind.Alert ? ResultParts.Alert(outcome, justification) : null,
        outcome.Kind == OutcomeKind.RiskModifier ? ResultParts.Risk(outcome, justification) : null);

    private static Justification Build(LoadedRuleSet ruleSet, Rule rule)
    {
        var justification = new Justification { RuleId = rule.Id, RuleTitle = rule.Title };
        foreach (var claimId in rule.Citations)
        {
            var claim = ruleSet.Catalog.FindClaim(claimId) ?? throw new InvalidOperationException($"claim '{claimId}' is not in the catalog");
            justification.Citations.Add(new Citation { ClaimId = claim.Id, SourceId = claim.DocumentId });
        }

        return justification;
    }
}

using System.Collections.Frozen;
using Google.Protobuf;
using KetCds.Contracts.V1;
using KetCds.Engine;
using KetCds.Rules;

namespace KetCds.Clinical.Internal;

/// <summary>
/// Everything in a result that depends only on the rule set, built once per rule-set version: each rule's STANDARD
/// justification (id, title, claims by id), each emitted outcome's statement, alert or risk modifier, and each relief
/// estimate (which carries no justification, so results at every detail share it). Results share these instances,
/// so nothing may mutate them; <see cref="ClinicalEvaluator"/> documents that for callers.
/// </summary>
internal sealed class StandardParts
{
    private readonly SourceCatalog _catalog;
    private readonly FrozenDictionary<string, Justification> _byRule;
    // By rule id, then code among the rule's few: string keys hash without the randomized (Marvin) string hash a tuple
    // key would use, on every outcome of every evaluation.
    private readonly FrozenDictionary<string, (string Code, StandardOutcomeParts Parts)[]> _byOutcome;
    private readonly FrozenDictionary<string, Citation> _fullCitations;

    public StandardParts(LoadedRuleSet ruleSet)
    {
        _catalog = ruleSet.Catalog;
        Reasons = new ReasonCache(ruleSet);
        _fullCitations = ruleSet.Catalog.Claims.ToFrozenDictionary(claim => claim.Id, FullCitation, StringComparer.Ordinal);
        _byRule = ruleSet.Compiled.Model.Rules.ToFrozenDictionary(rule => rule.Id, rule => Build(ruleSet, rule), StringComparer.Ordinal);

        // A rule emitting one code twice (with different texts or attributes) has no single part to share; it is built per result.
        var byOutcome = new Dictionary<(string, string), StandardOutcomeParts?>();
        foreach (var rule in ruleSet.Compiled.Model.Rules)
        {
            foreach (var emit in rule.Then.OfType<EmitAction>())
            {
                var key = (rule.Id, emit.Code);
                byOutcome[key] = byOutcome.ContainsKey(key) ? null : Build(new Outcome(emit.Kind, emit.Code, emit.Text, emit.Attributes, rule.Id, rule.Citations.IsDefault ? [] : rule.Citations));
            }
        }

        _byOutcome = byOutcome
            .Where(p => p.Value is not null)
            .GroupBy(p => p.Key.Item1, StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => g.Select(p => (p.Key.Item2, p.Value!)).ToArray(), StringComparer.Ordinal);
    }

    /// <summary>The texts of missing facts' reasons, made once per distinct reason.</summary>
    public ReasonCache Reasons { get; }

    /// <summary>Every shared instance, for encoders that encode each once.</summary>
    public IEnumerable<IMessage> Messages =>
        _byRule.Values.Cast<IMessage>()
            .Concat(_byOutcome.Values.SelectMany(parts => parts).SelectMany(p => p.Parts.Messages))
            .Concat(_fullCitations.Values);

    /// <summary>The shared justification of a rule.</summary>
    public Justification For(string ruleId) => _byRule[ruleId];

    /// <summary>The FULL citation of a claim: with its section, anchor and statement.</summary>
    public Citation FullCitation(string claimId) =>
        // The loader refuses rule sets with unresolved citations, so a miss here is a programming error.
        _fullCitations.TryGetValue(claimId, out var citation) ? citation : throw new InvalidOperationException($"claim '{claimId}' is not in the catalog");

    /// <summary>The outcome as a statement.</summary>
    public Statement Statement(Outcome outcome) =>
        Find(outcome)?.Statement ?? ResultParts.Statement(outcome, For(outcome.RuleId));

    /// <summary>The outcome as an alert.</summary>
    public Alert Alert(Outcome outcome) =>
        Find(outcome)?.Alert ?? ResultParts.Alert(outcome, For(outcome.RuleId));

    /// <summary>The outcome as a risk modifier.</summary>
    public RiskModifier Risk(Outcome outcome) =>
        Find(outcome)?.Risk ?? ResultParts.Risk(outcome, For(outcome.RuleId));

    /// <summary>The outcome as a relief estimate, or null when its attributes give no relief range.</summary>
    public ReliefEstimate? Estimate(Outcome outcome) =>
        Find(outcome) is { } parts ? parts.Estimate : ResultParts.Estimate(outcome, _catalog);

    private StandardOutcomeParts? Find(Outcome outcome)
    {
        if (!_byOutcome.TryGetValue(outcome.RuleId, out var byCode))
        {
            return null;
        }

        foreach (var (code, parts) in byCode)
        {
            if (string.Equals(code, outcome.Code, StringComparison.Ordinal))
            {
                return string.Equals(parts.Statement.Text, outcome.Text, StringComparison.Ordinal) ? parts : null;
            }
        }

        return null;
    }

    private StandardOutcomeParts Build(Outcome outcome)
    {
        var justification = _byRule[outcome.RuleId];
        return new(
            ResultParts.Statement(outcome, justification),
            outcome.Kind == OutcomeKind.Alert ? ResultParts.Alert(outcome, justification) : null,
            outcome.Kind == OutcomeKind.RiskModifier ? ResultParts.Risk(outcome, justification) : null,
            outcome.Kind == OutcomeKind.Finding ? ResultParts.Estimate(outcome, _catalog) : null);
    }

    private Citation FullCitation(SourceClaim claim) => new()
    {
        ClaimId = claim.Id,
        SourceId = claim.DocumentId,
        Section = claim.Section,
        Anchor = claim.Anchor,
        Statement = claim.Says,
        SourceKind = KindOf(_catalog, claim.DocumentId),
        SourceQuality = _catalog.FindDocument(claim.DocumentId)?.Quality ?? string.Empty,
    };

    private static SourceKind KindOf(SourceCatalog catalog, string documentId) =>
        catalog.FindDocument(documentId) is { } document ? SourceKinds.Of(document.Kind) : SourceKind.Unspecified;

    private static Justification Build(LoadedRuleSet ruleSet, Rule rule)
    {
        var justification = new Justification { RuleId = rule.Id, RuleTitle = rule.Title };
        foreach (var claimId in rule.Citations)
        {
            var claim = ruleSet.Catalog.FindClaim(claimId) ?? throw new InvalidOperationException($"claim '{claimId}' is not in the catalog");
            justification.Citations.Add(new Citation { ClaimId = claim.Id, SourceId = claim.DocumentId, SourceKind = KindOf(ruleSet.Catalog, claim.DocumentId) });
        }

        return justification;
    }
}

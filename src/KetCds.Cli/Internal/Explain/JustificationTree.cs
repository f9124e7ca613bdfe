using KetCds.Cli.Internal.Common;
using KetCds.Engine;
using KetCds.Rules;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace KetCds.Cli.Internal.Explain;

/// <summary>Builds the justification tree of one evaluation: each decision down to the facts it matched and the claims it cites.</summary>
internal sealed class JustificationTree(LoadedRuleSet ruleSet, string rulesDir, RuleSetEvaluation result)
{
    // The clinical decision everything else hangs off; shown first even though route rules test it.
    private const string Eligibility = "eligibility";

    // Rules already expanded: later references point back instead of repeating the whole chain.
    private readonly HashSet<string> _expanded = new(StringComparer.Ordinal);

    public Tree Build(string heading)
    {
        var tree = new Tree(Plain(heading));
        foreach (var (fact, value) in result.DerivedFacts.Where(f => IsConclusion(f.Key)).OrderBy(f => f.Key == Eligibility ? 0 : 1))
        {
            var node = tree.AddNode(Plain($"{fact} = {value}"));
            foreach (var rule in ruleSet.Compiled.Model.Rules.Where(r => Derives(r, fact)).Select(r => r.Id).Order(StringComparer.Ordinal))
            {
                if (result.Explain(rule) is { } justification)
                {
                    AddJustification(node, justification);
                }
            }
        }

        foreach (var outcome in result.Outcomes)
        {
            var node = tree.AddNode(Plain($"{Kind(outcome.Kind)} {outcome.Code}" + Attributes(outcome)));
            AddJustification(node, result.Explain(outcome));
        }

        if (result.DerivedFacts.IsEmpty && result.Outcomes.IsEmpty)
        {
            tree.AddNode(Plain("no rule fired"));
        }

        return tree;
    }

    private void AddJustification(IHasTreeNodes parent, RuleJustification justification)
    {
        var rule = ruleSet.Compiled.FindRule(justification.RuleId);
        var label = $"rule {justification.RuleId}: {justification.RuleTitle} ({RuleSetInput.Where(rulesDir, rule?.Location)})";
        if (!_expanded.Add(justification.RuleId))
        {
            parent.AddNode(Plain(label + " — explained above"));
            return;
        }

        var node = parent.AddNode(Plain(label));
        foreach (var fact in justification.MatchedFacts)
        {
            var origin = fact.Origin == FactOrigin.Derived ? "derived" : "input";
            node.AddNode(Plain(fact.Value is null ? $"fact {fact.Name}: absent ({origin})" : $"fact {fact.Name} = {fact.Value} ({origin})"));
        }

        foreach (var premise in justification.Premises)
        {
            AddJustification(node, premise);
        }

        foreach (var claimId in justification.Citations)
        {
            node.AddNode(Plain(Citation(claimId)));
        }
    }

    private string Citation(string claimId)
    {
        if (ruleSet.Catalog.FindClaim(claimId) is not { } claim)
        {
            return $"cites {claimId}";
        }

        return $"cites {claim.Id}: source {claim.DocumentId}, section \"{claim.Section}\": {claim.Says.ReplaceLineEndings(" ").Trim()}";
    }

    // A conclusion is a derived fact no rule tests: the end of a chain (such as eligibility), not a stepping stone.
    private bool IsConclusion(string fact) =>
        string.Equals(fact, Eligibility, StringComparison.Ordinal) || !ruleSet.Compiled.Model.Rules.Any(r => r.When.TestedFacts().Contains(fact, StringComparer.Ordinal));

    private static bool Derives(Engine.Rule rule, string fact) => rule.Then.OfType<DeriveAction>().Any(d => string.Equals(d.Fact, fact, StringComparison.Ordinal));

    private static string Attributes(Outcome outcome) =>
        outcome.Attributes.IsEmpty ? string.Empty : " (" + string.Join(", ", outcome.Attributes.Select(a => $"{a.Name}: {a.Value}")) + ")";

    private static string Kind(OutcomeKind kind) => kind switch
    {
        OutcomeKind.Recommendation => "recommendation",
        OutcomeKind.RiskModifier => "risk",
        OutcomeKind.Alert => "alert",
        OutcomeKind.Finding => "finding",
        _ => kind.ToString(),
    };

    private static IRenderable Plain(string text) => new Text(text);
}

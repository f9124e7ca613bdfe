using System.Collections.Immutable;
using KetCds.Cli.Internal.Common;
using KetCds.Clinical;
using KetCds.Engine;
using KetCds.Rules;

namespace KetCds.Cli.Internal.Review;

/// <summary>
/// The whole rule set laid out for clinical sign-off: every rule with its condition in words, what it concludes, the
/// claims it rests on with their source's kind, and the regression cases that fire it; the sources with their quality.
/// </summary>
/// <param name="RuleSet">The rule set's identity.</param>
/// <param name="CasesDirectory">The cases directory as given.</param>
/// <param name="CaseCount">How many cases were read.</param>
/// <param name="EvaluatedCount">How many of them were evaluated (the others are rejection cases).</param>
/// <param name="Documents">The source documents, by id.</param>
/// <param name="Groups">The rules in sections.</param>
internal sealed record ReviewTable(
    string RuleSet,
    string CasesDirectory,
    int CaseCount,
    int EvaluatedCount,
    ImmutableArray<CatalogDocument> Documents,
    ImmutableArray<ReviewGroup> Groups)
{
    public const string Eligibility = "Eligibility";
    public const string Recommendations = "Recommendations (routes and protocols)";
    public const string Risks = "Risks and alerts";
    public const string Findings = "Relief estimates, maintenance and other findings";
    public const string Requests = "Data requests";

    private static readonly string[] Order = [Eligibility, Recommendations, Risks, Findings, Requests];

    /// <summary>Builds the table, evaluating each valid case once to find the rules it fires.</summary>
    public static ReviewTable Build(LoadedRuleSet ruleSet, string casesDirectory, ImmutableArray<LoadedCase> cases, CancellationToken cancellationToken)
    {
        var evaluator = new ClinicalEvaluator(ruleSet);
        var compiled = ruleSet.Compiled;
        var firedBy = compiled.Model.Rules.ToDictionary(r => r.Id, _ => new SortedSet<string>(StringComparer.Ordinal), StringComparer.Ordinal);
        var evaluated = 0;
        foreach (var loaded in cases)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var evaluation = evaluator.Evaluate(loaded.Case.Request, cancellationToken);
            if (evaluation.Engine is not { } engine)
            {
                continue;
            }

            evaluated++;
            foreach (var (id, set) in firedBy)
            {
                if (engine.RuleResult(id) == Truth.True)
                {
                    set.Add(loaded.Case.Id);
                }
            }
        }

        var rows = compiled.Model.Rules
            .OrderBy(r => r.Id, StringComparer.Ordinal)
            .Select(r => (Group: GroupOf(r), Row: Row(r, ruleSet, firedBy[r.Id])))
            .ToList();
        var groups = Order
            .Select(title => new ReviewGroup(title, [.. rows.Where(x => x.Group == title).Select(x => x.Row)]))
            .Where(g => !g.Rows.IsEmpty)
            .ToImmutableArray();
        return new ReviewTable(
            ruleSet.Identity.ToString(),
            casesDirectory,
            cases.Length,
            evaluated,
            [.. ruleSet.Catalog.Documents.OrderBy(d => d.Id, StringComparer.Ordinal)],
            groups);
    }

    private static string GroupOf(Rule rule)
    {
        var emits = rule.Then.OfType<EmitAction>().Select(e => e.Kind).ToHashSet();
        if (rule.Id.StartsWith("eligibility.", StringComparison.Ordinal) || rule.Then.OfType<DeriveAction>().Any(d => d.Fact == "eligibility"))
        {
            return Eligibility;
        }

        if (emits.Contains(OutcomeKind.Recommendation) || rule.Id.StartsWith("route.", StringComparison.Ordinal))
        {
            return Recommendations;
        }

        if (emits.Contains(OutcomeKind.RiskModifier) || emits.Contains(OutcomeKind.Alert) || rule.Id.StartsWith("risk.", StringComparison.Ordinal))
        {
            return Risks;
        }

        return emits.Count == 0 && rule.Then.All(a => a is RequestDataAction) ? Requests : Findings;
    }

    private static ReviewRow Row(Rule rule, LoadedRuleSet ruleSet, SortedSet<string> cases)
    {
        var concludes = rule.Then.Select(action => action switch
        {
            DeriveAction derive => $"concludes {ConditionWords.Name(derive.Fact)} = {ConditionWords.Name(derive.Value.ToString())}",
            EmitAction emit => $"{KindWord(emit.Kind)} {emit.Code}: {emit.Text}",
            RequestDataAction request => $"asks for {ConditionWords.Name(request.Fact)}: {request.Reason}",
            _ => action.ToString() ?? string.Empty,
        });
        var claims = rule.Citations.IsDefault ? [] : rule.Citations.Select(id => ruleSet.Catalog.FindClaim(id)).OfType<SourceClaim>();
        return new ReviewRow(
            rule.Id,
            rule.Title,
            rule.Description,
            rule.Priority,
            ConditionWords.Of(rule.When, ruleSet.Compiled),
            [.. concludes],
            [.. claims],
            [.. cases]);
    }

    private static string KindWord(OutcomeKind kind) => kind switch
    {
        OutcomeKind.Recommendation => "recommends",
        OutcomeKind.RiskModifier => "risk",
        OutcomeKind.Alert => "alert",
        _ => "finding",
    };
}

using System.Text;

namespace KetCds.Engine.NRules.Tests;

/// <summary>Compares the results of the two engines on one case and describes the first difference.</summary>
internal static class Differential
{
    /// <summary>Null when both agree on every rule's truth, fired rules, derived facts, outcomes, requests and missing facts.</summary>
    public static string? FirstDifference(CompiledRuleSet ruleSet, RuleSetEvaluation ketcds, RuleSetEvaluation nrules)
    {
        foreach (var id in ruleSet.Model.Rules.Select(r => r.Id).Order(StringComparer.Ordinal))
        {
            var (a, b) = (ketcds.RuleResult(id), nrules.RuleResult(id));
            if (a != b)
            {
                return $"first differing rule {id}: ketcds {a}, nrules {b}";
            }
        }

        return Differs("fired rules", ketcds.FiredRules, nrules.FiredRules)
            ?? Differs("derived facts", ketcds.DerivedFacts.Select(f => $"{f.Key}={f.Value}"), nrules.DerivedFacts.Select(f => $"{f.Key}={f.Value}"))
            ?? Differs("outcomes", ketcds.Outcomes.Select(Render), nrules.Outcomes.Select(Render))
            ?? Differs("data requests", ketcds.DataRequests.Select(r => $"{r.Fact}<-{r.RuleId}"), nrules.DataRequests.Select(r => $"{r.Fact}<-{r.RuleId}"))
            ?? Differs("missing facts", ketcds.MissingFacts.Select(m => $"{m.Fact}:{string.Join(",", m.UndecidedRules)}"), nrules.MissingFacts.Select(m => $"{m.Fact}:{string.Join(",", m.UndecidedRules)}"));
    }

    /// <summary>Renders a fact set one fact per line, for a mismatch message that lets the case be rebuilt.</summary>
    public static string Render(IEnumerable<KeyValuePair<string, TypedValue>> facts)
    {
        var text = new StringBuilder();
        foreach (var (name, value) in facts)
        {
            text.Append("  ").Append(name).Append(" = ").Append(value).Append(" (").Append(value.Type).AppendLine(")");
        }

        return text.Length == 0 ? "  (no facts)\n" : text.ToString();
    }

    private static string Render(Outcome outcome) =>
        $"{outcome.Kind} {outcome.Code} by {outcome.RuleId} [{string.Join(", ", outcome.Attributes.Select(a => $"{a.Name}={a.Value}"))}]";

    private static string? Differs(string what, IEnumerable<string> ketcds, IEnumerable<string> nrules)
    {
        var (a, b) = (ketcds.ToArray(), nrules.ToArray());
        if (a.SequenceEqual(b, StringComparer.Ordinal))
        {
            return null;
        }

        var first = Enumerable.Range(0, Math.Max(a.Length, b.Length)).First(i => i >= a.Length || i >= b.Length || a[i] != b[i]);
        return $"{what} differ at #{first}: ketcds {(first < a.Length ? a[first] : "(none)")}, nrules {(first < b.Length ? b[first] : "(none)")}";
    }
}

using System.Text;

namespace KetCds.Engine.Tests.Properties;

/// <summary>A canonical text of everything an evaluation answers, so two results can be compared byte for byte.</summary>
internal static class ResultText
{
    public static string Render(RuleSetEvaluation result)
    {
        var text = new StringBuilder();
        foreach (var o in result.Outcomes)
        {
            text.Append($"outcome {o.Kind} {o.Code} {o.Text} {o.RuleId} [{string.Join(",", o.Attributes.Select(a => a.Name + "=" + a.Value))}] [{string.Join(",", o.Citations)}]\n");
            Write(text, result.Explain(o), 1);
        }

        text.Append("fired ").AppendJoin(",", result.FiredRules).Append('\n');
        foreach (var (name, value) in result.DerivedFacts)
        {
            text.Append($"derived {name}={value}\n");
        }

        foreach (var r in result.DataRequests)
        {
            text.Append($"request {r.Fact} {r.RuleId} {r.Reason}\n");
        }

        foreach (var m in result.MissingFacts)
        {
            text.Append($"missing {m.Fact}: {string.Join(",", m.UndecidedRules)}\n");
        }

        return text.ToString();
    }

    private static void Write(StringBuilder text, RuleJustification j, int depth)
    {
        text.Append(' ', depth * 2).Append($"because {j.RuleId} [{string.Join(",", j.MatchedFacts.Select(m => $"{m.Name}={m.Value?.ToString() ?? "?"}"))}] [{string.Join(",", j.Citations)}]\n");
        foreach (var premise in j.Premises)
        {
            Write(text, premise, depth + 1);
        }
    }
}

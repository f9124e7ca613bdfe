using KetCds.Cli.Internal.Common;
using KetCds.Engine;

namespace KetCds.Cli.Internal.Explain;

/// <summary>Writes a why-not report: each rule that could produce the code, what blocked it, and recursively its underived premises.</summary>
internal sealed class WhyNotPrinter(TextWriter output, string rulesDir)
{
    public void Print(WhyNotReport report)
    {
        output.WriteLine(report.Produced
            ? $"{report.OutcomeCode}: produced in this evaluation"
            : $"{report.OutcomeCode}: not produced in this evaluation");
        if (report.Rules.IsEmpty)
        {
            output.WriteLine("  no rule produces it");
        }

        foreach (var rule in report.Rules)
        {
            PrintRule(rule, 1);
        }
    }

    private void PrintRule(WhyNotRule rule, int depth)
    {
        var pad = new string(' ', depth * 2);
        output.WriteLine($"{pad}- rule {rule.RuleId}: {rule.RuleTitle} [{Result(rule.Result)}]");
        if (rule.BlockingCondition is not null)
        {
            output.WriteLine($"{pad}    blocked by: {rule.BlockingCondition}");
            output.WriteLine($"{pad}    at {RuleSetInput.Where(rulesDir, rule.BlockingLocation)}");
        }

        if (!rule.MissingFacts.IsEmpty)
        {
            output.WriteLine($"{pad}    missing facts that would decide it: {string.Join(", ", rule.MissingFacts)}");
        }

        foreach (var premise in rule.UnderivedPremises)
        {
            output.WriteLine($"{pad}    premise {premise.Fact} was not derived:");
            if (premise.Rules.IsEmpty)
            {
                output.WriteLine($"{pad}      no rule derives it");
            }

            foreach (var inner in premise.Rules)
            {
                PrintRule(inner, depth + 3);
            }
        }
    }

    private static string Result(Truth truth) => truth switch
    {
        Truth.True => "fired",
        Truth.False => "false",
        _ => "unknown: missing data",
    };
}

using System.CommandLine;
using KetCds.Cli.Internal.Common;
using KetCds.Cli.Internal.Evaluate;
using KetCds.Clinical;
using KetCds.Engine;

namespace KetCds.Cli.Internal.Explain;

/// <summary><c>ketcds explain CASE.json</c>: why the decision is what it is, or why an outcome was not produced.</summary>
internal static class ExplainCommand
{
    public static Command Create(CliContext context)
    {
        var file = new Argument<string>("CASE.json") { Description = "A regression case or a bare EvaluateRequest, in proto3 JSON." };
        var rules = CommonOptions.Rules();
        var whyNot = new Option<string?>("--why-not")
        {
            Description = "An outcome code (route.iv.booster) or a derived fact (eligibility): every rule that could produce it, the first " +
                "blocking condition with its file:line:column, the missing facts that would decide it, and its underived premises.",
            HelpName = "CODE",
        };
        var engine = CommonOptions.Engine();
        var command = new Command(
            "explain",
            "Explain one case's decision as a tree: each conclusion and outcome, the rule that produced it, the facts it matched " +
            "(with values) and the source claims it cites. Exit codes: 0 explained, 1 the request was rejected, 2 usage or I/O error.")
        {
            file, rules, whyNot, engine,
        };
        command.SetAction((parse, token) => Task.FromResult(Run(context, parse.GetValue(file)!, parse.GetValue(rules)!, parse.GetValue(whyNot), parse.GetValue(engine)!, token)));
        return command;
    }

    private static int Run(CliContext context, string file, string rulesDir, string? whyNot, string engine, CancellationToken cancellationToken)
    {
        var input = CaseInput.Read(context, file);
        var ruleSet = RuleSetInput.ReadValid(context, rulesDir);
        if (whyNot is not null)
        {
            CheckCode(ruleSet.Compiled, whyNot);
        }

        var evaluator = EngineChoice.Evaluator(ruleSet, engine);
        var evaluation = evaluator.Evaluate(input.Request, cancellationToken);
        if (!evaluation.IsValid)
        {
            DecisionPrinter.PrintRejection(context.Out, evaluation.Violations);
            return ExitCodes.Failed;
        }

        if (whyNot is not null)
        {
            new WhyNotPrinter(context.Out, rulesDir).Print(evaluation.Engine.WhyNot(whyNot));
            return ExitCodes.Ok;
        }

        var heading = (input.Case is { } c ? $"Case {c.Id}" : $"Request {file}") + $" (rules {EngineChoice.Label(evaluator)})";
        ConsoleFactory.Write(context, new JustificationTree(ruleSet, rulesDir, evaluation.Engine).Build(heading));
        return ExitCodes.Ok;
    }

    private static void CheckCode(CompiledRuleSet compiled, string code)
    {
        var derived = compiled.Model.Facts.Where(f => f.Origin == FactOrigin.Derived).Select(f => f.Name);
        var known = compiled.OutcomeCodes.Concat(derived).ToList();
        if (known.Contains(code, StringComparer.Ordinal))
        {
            return;
        }

        var close = CloseMatches.Find(code, known);
        throw new CliException(
            $"'{code}' is neither an outcome code nor a derived fact of this rule set" +
            (close.Count > 0 ? $"; close matches: {string.Join(", ", close)}" : "; run 'ketcds explain CASE.json' to see the codes this case produced"));
    }
}

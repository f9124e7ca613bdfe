using System.CommandLine;
using Google.Protobuf;
using KetCds.Cli.Internal.Common;
using KetCds.Clinical;
using KetCds.Clinical.Regression;
using KetCds.Contracts.V1;

namespace KetCds.Cli.Internal.Evaluate;

/// <summary><c>ketcds evaluate CASE.json</c>: one patient's decision, readable or as the server's JSON response.</summary>
internal static class EvaluateCommand
{
    private static readonly JsonFormatter Json = new(JsonFormatter.Settings.Default.WithIndentation("  "));

    public static Command Create(CliContext context)
    {
        var file = new Argument<string>("CASE.json") { Description = "A regression case or a bare EvaluateRequest, in proto3 JSON (detected by its fields)." };
        var rules = CommonOptions.Rules();
        var engine = CommonOptions.Engine();
        var json = new Option<bool>("--json") { Description = "Print the proto3 JSON EvaluateResponse (indented, deterministic) instead of text." };
        var command = new Command(
            "evaluate",
            "Evaluate one case: eligibility and reasons, routes with protocol and relief per source, maintenance, risks, alerts, " +
            "findings and missing data. Exit codes: 0 evaluated, 1 the request was rejected, 2 usage or I/O error.")
        {
            file, rules, json, engine,
        };
        command.SetAction((parse, token) => Task.FromResult(Run(context, parse.GetValue(file)!, parse.GetValue(rules)!, parse.GetValue(json), parse.GetValue(engine)!, token)));
        return command;
    }

    private static int Run(CliContext context, string file, string rulesDir, bool json, string engine, CancellationToken cancellationToken)
    {
        var input = CaseInput.Read(context, file);
        var ruleSet = RuleSetInput.ReadValid(context, rulesDir);
        var evaluator = EngineChoice.Evaluator(ruleSet, engine);
        var evaluation = evaluator.Evaluate(input.Request, cancellationToken);
        if (json)
        {
            if (!evaluation.IsValid)
            {
                var failure = new ValidationFailure();
                failure.Violations.AddRange(evaluation.Violations);
                context.Out.WriteLine(Json.Format(failure));
                return ExitCodes.Failed;
            }

            var response = new EvaluateResponse { RequestId = input.Request.RequestId, Result = evaluation.Result, RuleSet = evaluator.Identity };
            context.Out.WriteLine(Json.Format(response));
            return ExitCodes.Ok;
        }

        var heading = input.Case is { } c ? $"Case {c.Id}" + (c.Title.Length > 0 ? $": {c.Title}" : string.Empty) : $"Request {file}";
        context.Out.WriteLine($"{heading} (rules {EngineChoice.Label(evaluator)})");
        if (!evaluation.IsValid)
        {
            DecisionPrinter.PrintRejection(context.Out, evaluation.Violations);
            return ExitCodes.Failed;
        }

        DecisionPrinter.Print(context.Out, evaluation.Result);
        if (input.Case is { } regressionCase)
        {
            var run = RegressionRunner.Compare(regressionCase, file, evaluation.Result, [], evaluation.Engine.FiredRules);
            context.Out.WriteLine(run.Passed ? "Expectation: matches the case" : $"Expectation: differs from the case ({run.Changes.Length} changes; see 'ketcds replay')");
        }

        return ExitCodes.Ok;
    }
}

using System.Collections.Immutable;
using System.CommandLine;
using KetCds.Cli.Internal.Common;
using KetCds.Clinical;
using KetCds.Clinical.Regression;
using Spectre.Console;

namespace KetCds.Cli.Internal.Replay;

/// <summary><c>ketcds replay CASES_DIR</c>: replays every regression case and shows exactly what changed.</summary>
internal static class ReplayCommand
{
    // Below this a run is over before a progress bar would be readable.
    private const int ProgressThreshold = 200;

    public static Command Create(CliContext context)
    {
        var cases = new Argument<string>("CASES_DIR") { Description = "The directory of regression cases (*.json, searched recursively)." };
        var rules = CommonOptions.Rules();
        var server = new Option<string?>("--server")
        {
            Description = "Replay against a running KetCds server (for example http://127.0.0.1:50051) instead of in-process.",
            HelpName = "URL",
        };
        var tokenFile = new Option<string?>("--token-file") { Description = "With --server: send the bearer token (JWT) in FILE with every call.", HelpName = "FILE" };
        var clientCert = new Option<string?>("--client-cert") { Description = "With --server: present the client certificate in FILE (PKCS#12, with its key).", HelpName = "FILE" };
        var clientCertPassword = new Option<string?>("--client-cert-password") { Description = "Password of the --client-cert file.", HelpName = "PASSWORD" };
        var plaintextToken = new Option<bool>("--allow-token-over-plaintext") { Description = "Send --token-file's token over an http:// (cleartext) server address too; by default a token is only sent under TLS." };
        var ca = new Option<string?>("--ca") { Description = "With --server: trust only the CA certificate(s) in FILE (PEM) for the server's certificate.", HelpName = "FILE" };
        var junit = new Option<string?>("--junit") { Description = "Also write the results as JUnit XML to FILE.", HelpName = "FILE" };
        var update = new Option<bool>("--update")
        {
            Description = "After reviewing the diffs: rewrite each failing case's expectation with the current decision (title and " +
                "description are kept). Exits 0 when every failure was rewritten.",
        };
        var hooks = new Option<bool>("--hooks")
        {
            Description = "CASES_DIR holds recorded CDS Hooks calls (service, request, expected cards) instead of regression cases; " +
                "--server is then the server's CDS Hooks URL (KetCds:CdsHooks:Port). In process, each call is answered on the day it records.",
        };
        var parallel = CommonOptions.Parallel();
        var engine = CommonOptions.Engine();
        var command = new Command(
            "replay",
            "Replay regression cases and compare each decision with its expectation: a summary (passed, failed, errors, rule " +
            "coverage) and a diff per failing case. Exit codes: 0 all pass, 1 any failure or error, 2 usage or I/O error.")
        {
            cases, rules, server, tokenFile, plaintextToken, clientCert, clientCertPassword, ca, junit, update, hooks, parallel, engine,
        };
        command.SetAction(async (parse, token) =>
        {
            var options = new ReplayOptions(
                parse.GetValue(cases)!,
                parse.GetValue(rules)!,
                parse.GetResult(rules) is { Implicit: false },
                parse.GetValue(server),
                parse.GetValue(junit),
                parse.GetValue(update),
                Parallelism.Resolve(parse.GetValue(parallel)),
                parse.GetValue(engine)!,
                parse.GetResult(engine) is { Implicit: false })
            {
                Credentials = new ServerCredentials(parse.GetValue(tokenFile), parse.GetValue(clientCert), parse.GetValue(clientCertPassword), parse.GetValue(ca))
                {
                    AllowTokenOverPlaintext = parse.GetValue(plaintextToken),
                },
            };
            return parse.GetValue(hooks)
                ? await HookReplay.RunAsync(context, options, token).ConfigureAwait(false)
                : await RunAsync(context, options, token).ConfigureAwait(false);
        });
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, ReplayOptions options, CancellationToken cancellationToken)
    {
        if (options.Server is not null && options.RulesGiven)
        {
            throw new CliException("give either --rules (replay in-process) or --server (replay against a server), not both");
        }

        if (options.Server is null && options.Credentials != new ServerCredentials(null, null, null, null))
        {
            throw new CliException("--token-file, --client-cert and --ca go with --server");
        }

        if (options.Server is not null && options.EngineGiven)
        {
            throw new CliException("--engine chooses the in-process engine; a server replay uses the server's (its KetCds:Engine setting)");
        }

        var backend = options.Server is not null
            ? (IReplayBackend)new ServerBackend(ServerAddress(options.Server), options.Credentials)
            : new InProcessBackend(EngineChoice.Evaluator(RuleSetInput.ReadValid(context, options.Rules), options.Engine), options.Parallelism);
        var (loaded, loadErrors) = CaseDirectory.Read(context, options.Cases, options.Parallelism);
        var result = await ReplayWithProgressAsync(context, backend, loaded, cancellationToken).ConfigureAwait(false);

        var updated = options.Update ? Update(context, result) : [];
        Print(context.Out, result, loadErrors, updated);
        if (options.JUnit is not null)
        {
            OutputFile.Write(context, options.JUnit, JUnitReport.Format(result, loadErrors, "ketcds replay " + options.Cases));
        }

        var failed = result.Items.Any(i => i.Error is not null || (i.Run is { Passed: false } && !updated.Contains(i.Case.Display)));
        return failed || !loadErrors.IsEmpty ? ExitCodes.Failed : ExitCodes.Ok;
    }

    private static Uri ServerAddress(string server) =>
        Uri.TryCreate(server, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? uri
            : throw new CliException($"--server must be an absolute http:// or https:// URL such as http://127.0.0.1:50051, not '{server}'");

    private static async Task<ReplayResult> ReplayWithProgressAsync(CliContext context, IReplayBackend backend, ImmutableArray<LoadedCase> cases, CancellationToken cancellationToken)
    {
        if (!context.IsTerminal || cases.Length < ProgressThreshold)
        {
            return await backend.ReplayAsync(cases, null, cancellationToken).ConfigureAwait(false);
        }

        ReplayResult? result = null;
        await ConsoleFactory.Create(context).Progress().AutoClear(true).StartAsync(async progress =>
        {
            var task = progress.AddTask($"Replaying {cases.Length} cases", maxValue: cases.Length);
            result = await backend.ReplayAsync(cases, () => task.Increment(1), cancellationToken).ConfigureAwait(false);
        }).ConfigureAwait(false);
        return result!;
    }

    private static ImmutableHashSet<string> Update(CliContext context, ReplayResult result)
    {
        var updated = ImmutableHashSet.CreateBuilder<string>(StringComparer.Ordinal);
        foreach (var item in result.Items.Where(i => i.Run is { Passed: false }))
        {
            OutputFile.Write(context, item.Case.Path, RegressionCaseFile.Format(item.Run!.Updated()));
            updated.Add(item.Case.Display);
        }

        return updated.ToImmutable();
    }

    private static void Print(TextWriter output, ReplayResult result, ImmutableArray<string> loadErrors, ImmutableHashSet<string> updated)
    {
        foreach (var error in loadErrors)
        {
            output.WriteLine($"ERROR {error}");
        }

        foreach (var item in result.Items)
        {
            if (item.Error is not null)
            {
                output.WriteLine($"ERROR {item.Case.Case.Id} ({item.Case.Display}): {item.Error}");
            }
            else if (item.Run is { Passed: false } run)
            {
                var title = item.Case.Case.Title.Length > 0 ? ": " + item.Case.Case.Title : string.Empty;
                output.WriteLine($"FAIL {item.Case.Case.Id} ({item.Case.Display}){title}");
                foreach (var change in run.Changes)
                {
                    output.WriteLine("  " + change);
                }

                if (updated.Contains(item.Case.Display))
                {
                    output.WriteLine($"  updated {item.Case.Display} with the current decision");
                }
            }
        }

        var passed = result.Items.Count(i => i.Run is { Passed: true });
        var failedCount = result.Items.Count(i => i.Run is { Passed: false });
        var errors = result.Items.Count(i => i.Error is not null) + loadErrors.Length;
        output.WriteLine($"Replayed {result.Items.Length} cases against {result.RuleSet}: {passed} passed, {failedCount} failed, {errors} errors" +
            (updated.IsEmpty ? string.Empty : $"; {updated.Count} case files updated"));
        if (result.Coverage is { } coverage)
        {
            PrintCoverage(output, coverage);
        }
        else
        {
            output.WriteLine("Rule coverage: not available when replaying against a server");
        }
    }

    private static void PrintCoverage(TextWriter output, ImmutableArray<RuleCoverageEntry> coverage)
    {
        var fired = coverage.Count(e => e.Fired > 0);
        var bothWays = coverage.Count(e => e.BothWays);
        output.WriteLine($"Rule coverage: {fired} of {coverage.Length} rules fired, {bothWays} seen both ways (decision coverage)");
        var uncovered = coverage.Where(e => e.Fired == 0).Select(e => e.RuleId).ToList();
        if (uncovered.Count > 0)
        {
            output.WriteLine($"Uncovered rules ({uncovered.Count}): {string.Join(", ", uncovered)}");
        }
    }
}

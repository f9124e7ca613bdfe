using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using KetCds.CdsHooks;
using KetCds.Cli.Internal.Common;
using KetCds.Clinical;

namespace KetCds.Cli.Internal.Replay;

/// <summary>
/// <c>ketcds replay --hooks DIR</c>: replays recorded CDS Hooks calls (in process, or against a server's CDS Hooks
/// listener) and compares each answer's cards, reduced to kind, indicator, summary and codes, with the file's expectation.
/// </summary>
internal static class HookReplay
{
    public static async Task<int> RunAsync(CliContext context, ReplayOptions options, CancellationToken cancellationToken)
    {
        var (calls, loadErrors) = Read(context, options.Cases);
        Func<HookCall, Task<(int Status, string Body)>> answer;
        string against;
        HttpClient? http = null;
        try
        {
            if (options.Server is { } server)
            {
                var baseUrl = new Uri(server.TrimEnd('/') + "/");
                http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
                answer = async call =>
                {
                    using var content = new StringContent(call.Request, Encoding.UTF8, "application/json");
                    using var response = await http.PostAsync(new Uri(baseUrl, "cds-services/" + call.Service), content, cancellationToken).ConfigureAwait(false);
                    return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
                };
                against = server;
            }
            else
            {
                var ruleSet = RuleSetInput.ReadValid(context, options.Rules);
                var source = new EvaluatorDecisionSource(new ClinicalEvaluator(ruleSet));
                var terminology = Path.Combine(context.Resolve(options.Rules), "terminology");
                var map = TerminologyMapLoader.Load(terminology);
                if (!map.Succeeded)
                {
                    throw new CliException($"the terminology map in {terminology} does not load: {map.Errors[0]}");
                }

                http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
                var processors = new Dictionary<DateOnly, CdsHookProcessor>();
                answer = async call =>
                {
                    if (!processors.TryGetValue(call.Today ?? DateOnly.MinValue, out var processor))
                    {
                        var clock = call.Today is { } day ? new FixedTimeProvider(new DateTimeOffset(day.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero)) : context.Time;
                        processor = new CdsHookProcessor(source, () => map.Map, () => http, clock, TimeSpan.FromSeconds(2));
                        processors[call.Today ?? DateOnly.MinValue] = processor;
                    }

                    var outcome = await processor.HandleAsync(call.Service, Encoding.UTF8.GetBytes(call.Request), cancellationToken).ConfigureAwait(false);
                    return (outcome.StatusCode, Encoding.UTF8.GetString(outcome.Body));
                };
                against = $"{RuleSetInput.Label(ruleSet)} with terminology map {map.Map.Name}@{map.Map.Version}";
            }

            int passed = 0, failed = 0, errors = loadErrors.Length, updated = 0;
            foreach (var error in loadErrors)
            {
                context.Out.WriteLine($"ERROR {error}");
            }

            foreach (var call in calls)
            {
                var (status, body) = await answer(call).ConfigureAwait(false);
                if (status != 200)
                {
                    context.Out.WriteLine($"ERROR {call.Display}: the service answered {status}: {body}");
                    errors++;
                    continue;
                }

                var actual = Reduce(JsonNode.Parse(body)!["cards"]!.AsArray());
                var differences = call.Expected is null ? ["no expected cards recorded"] : Compare(call.Expected, actual);
                if (differences.IsEmpty)
                {
                    passed++;
                    continue;
                }

                failed++;
                context.Out.WriteLine($"FAIL {call.Display}");
                foreach (var difference in differences)
                {
                    context.Out.WriteLine("  " + difference);
                }

                if (options.Update)
                {
                    call.Document["expected"] = new JsonObject { ["cards"] = actual };
                    OutputFile.Write(context, call.Path, call.Document.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
                    context.Out.WriteLine($"  updated {call.Display} with the current cards");
                    updated++;
                }
            }

            context.Out.WriteLine($"Replayed {calls.Length} hook calls against {against}: {passed} passed, {failed} failed, {errors} errors" +
                (updated == 0 ? string.Empty : $"; {updated} hook files updated"));
            return errors > 0 || failed > updated ? ExitCodes.Failed : ExitCodes.Ok;
        }
        finally
        {
            http?.Dispose();
        }
    }

    /// <summary>What a reviewer checks on a card; uuids and Markdown details are left out so wording fixes do not churn recordings.</summary>
    private static JsonArray Reduce(JsonArray cards) =>
        [.. cards.Select(c => (JsonNode)new JsonObject
        {
            ["kind"] = c!["extension"]!["org.ketcds"]!["kind"]!.GetValue<string>(),
            ["indicator"] = c["indicator"]!.GetValue<string>(),
            ["summary"] = c["summary"]!.GetValue<string>(),
            ["codes"] = c["extension"]!["org.ketcds"]!["codes"]!.DeepClone(),
        })];

    private static ImmutableArray<string> Compare(JsonArray expected, JsonArray actual)
    {
        var differences = ImmutableArray.CreateBuilder<string>();
        for (var i = 0; i < Math.Max(expected.Count, actual.Count); i++)
        {
            var was = i < expected.Count ? expected[i] : null;
            var now = i < actual.Count ? actual[i] : null;
            if (was is null)
            {
                differences.Add($"card {i}: new {Describe(now!)}");
            }
            else if (now is null)
            {
                differences.Add($"card {i}: gone: {Describe(was)}");
            }
            else if (!JsonNode.DeepEquals(was, now))
            {
                differences.Add($"card {i}: was {Describe(was)}");
                differences.Add($"card {i}: now {Describe(now)}");
            }
        }

        return differences.ToImmutable();
    }

    private static string Describe(JsonNode card) =>
        $"{card["kind"]} [{card["indicator"]}] \"{card["summary"]}\" ({string.Join(", ", card["codes"]!.AsArray().Select(c => c!.GetValue<string>()))})";

    private static (ImmutableArray<HookCall> Calls, ImmutableArray<string> Errors) Read(CliContext context, string folder)
    {
        var root = context.Resolve(folder);
        if (!Directory.Exists(root))
        {
            throw new CliException($"hook folder '{folder}' does not exist");
        }

        var calls = ImmutableArray.CreateBuilder<HookCall>();
        var errors = ImmutableArray.CreateBuilder<string>();
        foreach (var path in Directory.EnumerateFiles(root, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var display = Path.GetRelativePath(root, path).Replace('\\', '/');
            try
            {
                var document = JsonNode.Parse(File.ReadAllText(path))?.AsObject();
                if (document?["service"]?.GetValue<string>() is not { } service || document["request"] is not JsonObject request)
                {
                    continue;
                }

                DateOnly? today = document["today"]?.GetValue<string>() is { } day
                    ? DateOnly.ParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture)
                    : null;
                calls.Add(new HookCall(path, display, document, service, today, request.ToJsonString(), document["expected"]?["cards"]?.AsArray()));
            }
            catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException or IOException)
            {
                errors.Add($"{display}: {ex.Message}");
            }
        }

        return (calls.ToImmutable(), errors.ToImmutable());
    }
}

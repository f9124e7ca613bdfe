using Grpc.Core;
using KetCds.Cli.Internal.Common;
using KetCds.Client;
using KetCds.Contracts.V1;

namespace KetCds.Cli.Internal.Replay;

/// <summary>
/// Replays against a running server: each case's own EvaluateRequest (request id and detail included, so the server
/// validates exactly what in-process replay validates) as a unary Evaluate call, many in flight at once on one HTTP/2
/// connection, so throughput is bounded by the server, not by round trips. The server does not report which rules
/// fired, so there is no rule coverage in this mode.
/// </summary>
internal sealed class ServerBackend(Uri server, ServerCredentials credentials) : IReplayBackend
{
    // Enough calls in flight to keep both sides busy on a loopback connection, well below the server's stream limit.
    private const int InFlight = 64;

    // A case is one small unary call: a server that takes longer is failing, not busy.
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(30);

    public async Task<ReplayResult> ReplayAsync(IReadOnlyList<LoadedCase> cases, Action? caseDone, CancellationToken cancellationToken)
    {
        // Retries stay on: a rule-set reload never makes a call UNAVAILABLE, but a restarting server would.
        using var client = new DecisionSupportClient(server, credentials.Apply(new DecisionSupportClientOptions { DefaultDeadline = CallTimeout }));
        try
        {
            var identity = (await client.GetRuleSetAsync(new CallOptions(cancellationToken: cancellationToken)).ConfigureAwait(false)).Identity;
            var items = new ReplayItem[cases.Count];
            await Parallel.ForAsync(
                0,
                cases.Count,
                new ParallelOptions { MaxDegreeOfParallelism = InFlight, CancellationToken = cancellationToken },
                async (i, token) =>
                {
                    items[i] = await ReplayOneAsync(client, cases[i], token).ConfigureAwait(false);
                    caseDone?.Invoke();
                }).ConfigureAwait(false);
            return new ReplayResult([.. items], null, $"{identity?.Name}@{identity?.Version}+{Short(identity?.ContentSha256)} at {server}");
        }
        catch (RpcException e)
        {
            throw new CliException($"cannot replay against {server}: {e.StatusCode}: {e.Status.Detail}", e);
        }
    }

    private static async Task<ReplayItem> ReplayOneAsync(DecisionSupportClient client, LoadedCase loaded, CancellationToken cancellationToken)
    {
        try
        {
            var response = await client.EvaluateAsync(loaded.Case.Request ?? new EvaluateRequest(), new CallOptions(cancellationToken: cancellationToken)).ConfigureAwait(false);
            return new ReplayItem(loaded, CaseComparison.Compare(loaded, response.Result, []), null);
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.InvalidArgument)
        {
            var violations = e.FieldViolations().Select(static v => new FieldViolation { Field = v.Field, Description = v.Description });
            return new ReplayItem(loaded, CaseComparison.Rejected(loaded, violations), null);
        }
        catch (RpcException e) when (e.StatusCode is not (StatusCode.Unavailable or StatusCode.Cancelled))
        {
            return new ReplayItem(loaded, null, $"the server failed: {e.StatusCode}: {e.Status.Detail}");
        }
    }

    private static string Short(string? hash) => hash is null ? "?" : hash[..Math.Min(12, hash.Length)];
}

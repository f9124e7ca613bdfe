using System.Runtime.CompilerServices;
using KetCds.Cli.Internal.Common;
using KetCds.Client;
using KetCds.Contracts.V1;

namespace KetCds.Cli.Internal.Replay;

/// <summary>
/// Replays against a running server over one EvaluateBatch stream: requests are streamed as the server reads them and
/// answers arrive in order, so throughput is bounded by the server, not by round trips. The server does not report which
/// rules fired, so there is no rule coverage in this mode.
/// </summary>
internal sealed class ServerBackend(Uri server) : IReplayBackend
{
    // The server caps calls without a deadline at 30 s; a long replay states its own.
    private static readonly TimeSpan BatchTimeout = TimeSpan.FromMinutes(30);

    public async Task<ReplayResult> ReplayAsync(IReadOnlyList<LoadedCase> cases, Action? caseDone, CancellationToken cancellationToken)
    {
        using var client = new DecisionSupportClient(server);
        try
        {
            var identity = (await client.GetRuleSetAsync(options: new CallOptions { CancellationToken = cancellationToken }).ConfigureAwait(false)).Identity;
            var items = new ReplayItem[cases.Count];
            var next = 0;
            var options = new CallOptions { Timeout = BatchTimeout, CancellationToken = cancellationToken };
            await foreach (var response in client.EvaluateBatchAsync(Requests(cases, cancellationToken), options, cancellationToken).ConfigureAwait(false))
            {
                if (next >= cases.Count)
                {
                    throw new CliException($"{server} answered more items than the {cases.Count} cases sent");
                }

                items[next] = Item(cases[next], response);
                next++;
                caseDone?.Invoke();
            }

            if (next != cases.Count)
            {
                throw new CliException($"{server} answered {next} of {cases.Count} cases before the stream ended");
            }

            return new ReplayResult([.. items], null, $"{identity?.Name}@{identity?.Version}+{Short(identity?.ContentSha256)} at {server}");
        }
        catch (DecisionSupportException e)
        {
            throw new CliException($"cannot replay against {server}: {e.StatusCode}: {e.Detail}", e);
        }
    }

    private static ReplayItem Item(LoadedCase loaded, EvaluateBatchResponse response)
    {
        if (!string.Equals(response.CaseId, loaded.Case.Id, StringComparison.Ordinal))
        {
            return new ReplayItem(loaded, null, $"the server answered case '{response.CaseId}' in its place");
        }

        return response.OutcomeCase switch
        {
            EvaluateBatchResponse.OutcomeOneofCase.Result => new ReplayItem(loaded, CaseComparison.Compare(loaded, response.Result, []), null),
            EvaluateBatchResponse.OutcomeOneofCase.Error when response.Error.Code == BatchItemErrorCode.InvalidArgument =>
                new ReplayItem(loaded, CaseComparison.Rejected(loaded, response.Error.Violations), null),
            EvaluateBatchResponse.OutcomeOneofCase.Error => new ReplayItem(loaded, null, $"the server failed: {response.Error.Code}: {response.Error.Message}"),
            _ => new ReplayItem(loaded, null, "the server sent neither a result nor an error"),
        };
    }

    private static async IAsyncEnumerable<EvaluateBatchRequest> Requests(IReadOnlyList<LoadedCase> cases, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var loaded in cases)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return new EvaluateBatchRequest { CaseId = loaded.Case.Id, Patient = loaded.Case.Request.Patient };
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    private static string Short(string? hash) => hash is null ? "?" : hash[..Math.Min(12, hash.Length)];
}

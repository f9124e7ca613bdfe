using System.Runtime.CompilerServices;
using Grpc.Core;
using KetCds.Cli.Internal.Common;
using KetCds.Client;
using KetCds.Clinical;
using KetCds.Contracts.V1;

namespace KetCds.Cli.Internal.Replay;

/// <summary>
/// Replays against a running server. Cases travel on a few <c>EvaluateBatch</c> streams (the case's request id as the
/// item's case id), because one unary call per case spends most of its time in per-call overhead on both sides. An item
/// the batch path rejects is reported with the item's own field violations, which the server checks exactly as it checks
/// an Evaluate request, except that it names <c>case_id</c> where a request has <c>request_id</c>: an item rejected for its
/// id is sent again as the case's own unary <c>Evaluate</c> request (off the stream, which keeps flowing), so a rejection
/// is reported exactly as in-process replay reports it (same fields, same wording). The server does not report which
/// rules fired, so there is no rule coverage in this mode.
/// </summary>
internal sealed class ServerBackend(Uri server, ServerCredentials credentials) : IReplayBackend
{
    // Streams in flight: enough to keep every server core busy (each stream is answered in order, one item at a time).
    private const int Streams = 8;

    // A unary case is one small call: a server that takes longer is failing, not busy.
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(30);

    // A batch stream gets the unary budget plus a generous allowance per item, so a long replay is never cut off by a
    // deadline while a hung server still ends it.
    private static readonly TimeSpan PerItemAllowance = TimeSpan.FromMilliseconds(20);

    public async Task<ReplayResult> ReplayAsync(IReadOnlyList<LoadedCase> cases, Action? caseDone, CancellationToken cancellationToken)
    {
        // Retries stay on for unary calls: a rule-set reload never makes a call UNAVAILABLE, but a restarting server would.
        using var client = new DecisionSupportClient(server, credentials.Apply(new DecisionSupportClientOptions { DefaultDeadline = CallTimeout }));
        try
        {
            var identity = (await client.GetRuleSetAsync(new CallOptions(cancellationToken: cancellationToken)).ConfigureAwait(false)).Identity;
            var items = new ReplayItem[cases.Count];
            var sliceSize = Math.Max(1, (cases.Count + Streams - 1) / Streams);
            var slices = Enumerable.Range(0, (cases.Count + sliceSize - 1) / sliceSize)
                .Select(s => ReplaySliceAsync(client, cases, s * sliceSize, Math.Min(cases.Count, (s + 1) * sliceSize), items, caseDone, cancellationToken));
            await Task.WhenAll(slices).ConfigureAwait(false);
            return new ReplayResult([.. items], null, $"{(identity is null ? "?" : RuleSetContracts.Label(identity))} at {server}");
        }
        catch (RpcException e)
        {
            throw new CliException($"cannot replay against {server}: {e.StatusCode}: {e.Status.Detail}", e);
        }
    }

    private static async Task ReplaySliceAsync(
        DecisionSupportClient client,
        IReadOnlyList<LoadedCase> cases,
        int start,
        int end,
        ReplayItem[] items,
        Action? caseDone,
        CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + CallTimeout + (PerItemAllowance * (end - start));
        var options = new CallOptions(deadline: deadline, cancellationToken: cancellationToken);
        var index = start;
        var resent = new List<Task>();
        await foreach (var response in client.EvaluateBatchAsync(Items(cases, start, end, cancellationToken), options).ConfigureAwait(false))
        {
            if (index >= end)
            {
                throw new CliException($"the server answered more batch items than were sent (case id '{response.CaseId}')");
            }

            var loaded = cases[index];
            if (response.OutcomeCase == EvaluateBatchResponse.OutcomeOneofCase.Result)
            {
                items[index] = new ReplayItem(loaded, CaseComparison.Compare(loaded, response.Result, []), null);
                caseDone?.Invoke();
            }
            else if (RejectedAsAnEvaluateRequestWouldBe(response) is { } violations)
            {
                items[index] = new ReplayItem(loaded, CaseComparison.Rejected(loaded, violations), null);
                caseDone?.Invoke();
            }
            else
            {
                resent.Add(ResendAsync(client, loaded, items, index, caseDone, cancellationToken));
            }

            index++;
        }

        await Task.WhenAll(resent).ConfigureAwait(false);
        if (index != end)
        {
            throw new CliException($"the server ended a batch after {index - start} of {end - start} items");
        }
    }

    /// <summary>The item's violations when they are what an Evaluate request for the case would get: none names its id.</summary>
    private static IReadOnlyList<FieldViolation>? RejectedAsAnEvaluateRequestWouldBe(EvaluateBatchResponse response) =>
        response.Error is { Code: BatchItemErrorCode.InvalidArgument } error
        && error.Violations.Count > 0
        && !error.Violations.Any(static v => v.Field.StartsWith("case_id", StringComparison.Ordinal))
            ? error.Violations
            : null;

    private static async Task ResendAsync(
        DecisionSupportClient client, LoadedCase loaded, ReplayItem[] items, int index, Action? caseDone, CancellationToken cancellationToken)
    {
        items[index] = await ReplayOneAsync(client, loaded, cancellationToken).ConfigureAwait(false);
        caseDone?.Invoke();
    }

    private static async IAsyncEnumerable<EvaluateBatchRequest> Items(
        IReadOnlyList<LoadedCase> cases,
        int start,
        int end,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        for (var i = start; i < end; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var request = cases[i].Case.Request ?? new EvaluateRequest();
            yield return new EvaluateBatchRequest { CaseId = request.RequestId, Patient = request.Patient, Detail = request.Detail };
        }

        await Task.CompletedTask.ConfigureAwait(false);
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
}

using System.Runtime.CompilerServices;
using KetCds.Client.Tests.Infrastructure;
using KetCds.Contracts.V1;

namespace KetCds.Client.Tests;

/// <summary>Bidirectional EvaluateBatch streaming against a real Kestrel server.</summary>
public sealed partial class DecisionSupportClientTests
{
    [Fact]
    public async Task EvaluateBatchAsync_ItemsWithInvalidOneInTheMiddle_AnswersEachInOrder()
    {
        var service = new FakeDecisionSupportService();
        await using var server = await TestServer.StartAsync(service);
        using var client = new DecisionSupportClient(server.Address, TestClients.FastRetries);

        var responses = await client.EvaluateBatchAsync(BatchRequests(5, invalidAt: 2)).ToListAsync();

        Assert.Equal(["case-0", "case-1", "case-2", "case-3", "case-4"], responses.Select(r => r.CaseId));
        Assert.All(responses.Where(r => r.CaseId != "case-2"), r => Assert.Equal(EvaluateBatchResponse.OutcomeOneofCase.Result, r.OutcomeCase));
        var error = responses[2].Error;
        Assert.Equal(BatchItemErrorCode.InvalidArgument, error.Code);
        Assert.Equal("patient.pain_severity_nrs", Assert.Single(error.Violations).Field);
        Assert.Equal("/ketcds.v1.DecisionSupportService/EvaluateBatch", Assert.Single(server.Requests).Path);
    }

    [Fact]
    public async Task EvaluateBatchAsync_ProducerWaitsForEachAnswer_StreamsBothWaysWithoutBuffering()
    {
        var service = new FakeDecisionSupportService();
        await using var server = await TestServer.StartAsync(service);
        using var client = new DecisionSupportClient(server.Address, TestClients.FastRetries);
        var answered = new SemaphoreSlim(0);

        // Each request is produced only after the previous answer reached the caller: a client that buffered the
        // request stream, or the whole response, would never get past the first item (and hit the deadline).
        async IAsyncEnumerable<EvaluateBatchRequest> PingPong([EnumeratorCancellation] CancellationToken token = default)
        {
            for (var i = 0; i < 4; i++)
            {
                yield return new EvaluateBatchRequest { CaseId = $"ping-{i}", Patient = new PatientFacts { PainSeverityNrs = 5 } };
                await answered.WaitAsync(token);
            }
        }

        var received = new List<string>();
        await foreach (var response in client.EvaluateBatchAsync(PingPong(), new CallOptions { Timeout = TimeSpan.FromSeconds(60) }))
        {
            received.Add(response.CaseId);
            answered.Release();
        }

        Assert.Equal(["ping-0", "ping-1", "ping-2", "ping-3"], received);
        Assert.Equal([0, 1, 2, 3], service.BatchArrivals.Select(a => a.ResponsesSentBefore));
    }

    [Fact]
    public async Task EvaluateBatchAsync_GzipAndMetadata_ReachTheServerAndComeBack()
    {
        await using var server = await TestServer.StartAsync(new FakeDecisionSupportService());
        using var client = new DecisionSupportClient(server.Address, TestClients.FastRetries with { CompressRequests = true });
        ResponseMetadata? metadata = null;

        var responses = await client.EvaluateBatchAsync(
            BatchRequests(3),
            new CallOptions { Headers = [MetadataEntry.Ascii("x-echo", "batch")], OnResponseMetadata = m => metadata = m })
            .ToListAsync();

        Assert.Equal(3, responses.Count);
        Assert.Equal("gzip", Assert.Single(server.Requests).GrpcEncoding);
        Assert.Equal("batch", Assert.Single(metadata!.Trailers, e => e.Key == "x-echo-trailer").Value);
    }

    [Fact]
    public async Task EvaluateBatchAsync_EmptyRequestStream_YieldsNothing()
    {
        await using var server = await TestServer.StartAsync(new FakeDecisionSupportService());
        using var client = new DecisionSupportClient(server.Address, TestClients.FastRetries);

        Assert.Empty(await client.EvaluateBatchAsync(BatchRequests(0)).ToListAsync());
    }

    [Fact]
    public async Task EvaluateBatchAsync_ProducerThrows_CallerSeesTheProducersException()
    {
        await using var server = await TestServer.StartAsync(new FakeDecisionSupportService());
        using var client = new DecisionSupportClient(server.Address, TestClients.FastRetries);

        async IAsyncEnumerable<EvaluateBatchRequest> Failing()
        {
            yield return new EvaluateBatchRequest { CaseId = "ok", Patient = new PatientFacts() };
            await Task.Yield();
            throw new InvalidOperationException("source file is corrupt");
        }

        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            async () => await client.EvaluateBatchAsync(Failing(), new CallOptions { Timeout = TimeSpan.FromSeconds(60) }).ToListAsync());

        Assert.Equal("source file is corrupt", error.Message);
    }

    [Fact]
    public async Task EvaluateBatchAsync_CallerCancelsMidStream_FailsWithCancelled()
    {
        await using var server = await TestServer.StartAsync(new FakeDecisionSupportService());
        using var client = new DecisionSupportClient(server.Address, TestClients.FastRetries);
        using var cts = new CancellationTokenSource();

        async IAsyncEnumerable<EvaluateBatchRequest> Endless([EnumeratorCancellation] CancellationToken token = default)
        {
            yield return new EvaluateBatchRequest { CaseId = "first", Patient = new PatientFacts() };
            await Task.Delay(Timeout.Infinite, token);
        }

        var error = await Assert.ThrowsAsync<DecisionSupportException>(async () =>
        {
            await foreach (var response in client.EvaluateBatchAsync(Endless(), cancellationToken: cts.Token))
            {
                Assert.Equal("first", response.CaseId);
                await cts.CancelAsync();
            }
        });

        Assert.Equal(StatusCode.Cancelled, error.StatusCode);
    }

    private static async IAsyncEnumerable<EvaluateBatchRequest> BatchRequests(int count, int invalidAt = -1)
    {
        for (var i = 0; i < count; i++)
        {
            await Task.Yield();
            var patient = new PatientFacts { PainSeverityNrs = i == invalidAt ? 42 : 6 };
            yield return new EvaluateBatchRequest { CaseId = $"case-{i}", Patient = patient };
        }
    }
}

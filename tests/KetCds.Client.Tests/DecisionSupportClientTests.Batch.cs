using System.Runtime.CompilerServices;
using Grpc.Core;
using KetCds.Client.Tests.Infrastructure;
using KetCds.Contracts.V1;

namespace KetCds.Client.Tests;

/// <summary>Bidirectional EvaluateBatch streaming against a real grpc-dotnet server.</summary>
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
        await foreach (var response in client.EvaluateBatchAsync(PingPong(), new CallOptions(deadline: DateTime.UtcNow.AddSeconds(60))))
        {
            received.Add(response.CaseId);
            answered.Release();
        }

        Assert.Equal(["ping-0", "ping-1", "ping-2", "ping-3"], received);
        Assert.Equal([0, 1, 2, 3], service.BatchArrivals.Select(a => a.ResponsesSentBefore));
    }

    [Fact]
    public async Task EvaluateBatchAsync_GzipAndMetadata_ReachTheServer()
    {
        await using var server = await TestServer.StartAsync(new FakeDecisionSupportService());
        using var client = new DecisionSupportClient(server.Address, TestClients.FastRetries with { CompressRequests = true });

        var responses = await client.EvaluateBatchAsync(BatchRequests(3), new CallOptions(new Metadata { { "x-echo", "batch" } })).ToListAsync();

        Assert.Equal(3, responses.Count);
        var seen = Assert.Single(server.Requests);
        Assert.Equal("gzip", seen.GrpcEncoding);
        Assert.Equal("batch", seen.Echo);
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

        var error = await Assert.ThrowsAsync<InvalidOperationException>(async () => await client.EvaluateBatchAsync(Failing()).ToListAsync());

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

        var error = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            await foreach (var response in client.EvaluateBatchAsync(Endless(), new CallOptions(cancellationToken: cts.Token)))
            {
                Assert.Equal("first", response.CaseId);
                await cts.CancelAsync();
            }
        });

        Assert.Equal(StatusCode.Cancelled, error.StatusCode);
    }

    [Fact]
    public async Task EvaluateBatchAsync_Unavailable_IsNotRetried()
    {
        var service = new FakeDecisionSupportService { BeforeBatch = (_, _) => FakeDecisionSupportService.Fail(StatusCode.Unavailable, "down") };
        await using var server = await TestServer.StartAsync(service);
        using var client = new DecisionSupportClient(server.Address, TestClients.FastRetries with { MaxRetries = 3 });

        var error = await Assert.ThrowsAsync<RpcException>(async () => await client.EvaluateBatchAsync(BatchRequests(3)).ToListAsync());

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.Equal(1, service.BatchCalls);
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

using System.Buffers.Binary;
using System.Net;
using System.Net.Http.Headers;
using Google.Protobuf;
using KetCds.Contracts.V1;
using KetCds.Server.Tests.Infrastructure;

namespace KetCds.Server.Tests.Internal.FlowControl;

/// <summary>
/// A client that asks for large answers and never reads them (its HTTP/2 window stays closed) must not make the server
/// hold them or evaluate for it: its later calls wait for room, the guard closes its connection, and a client that reads
/// keeps being answered meanwhile.
/// </summary>
public sealed class StalledResponseGuardTests
{
    private const int StalledStreams = 8;

    [Fact]
    public async Task Evaluate_ClientNeverReadsFullAnswers_OneEvaluatedConnectionClosedOthersAnswered()
    {
        using var rules = TempRules.CopyOfShipped();
        await using var server = await RunningServer.StartAsync(
            rules.Directory,
            ["--KetCds:ResponseStallSeconds", "2", "--KetCds:StalledResponseOverBudgetMilliseconds", "500", "--KetCds:StalledResponseConnectionBudgetBytes", "200000"]);
        using var stalling = new HttpClient(new SocketsHttpHandler { InitialHttp2StreamWindowSize = 65535 });

        // Each FULL answer is several hundred kilobytes: far more than the client's 64 KiB window lets out. The first is
        // made; the others wait for one of the connection's answers to reach the client, which never happens.
        var calls = Enumerable.Range(0, StalledStreams).Select(i => SendWithoutReadingAsync(stalling, server.Address, i)).ToList();

        var closed = await Eventually.TrueAsync(() => Task.FromResult(server.Logs.Entries.Any(static e => e.EventId.Id == 2132)));
        Assert.True(closed, $"expected the stalled connection closed; log:\n{string.Join('\n', server.Logs.Entries)}");
        var answered = 0;
        foreach (var call in calls)
        {
            // The one answer made never arrives whole; the waiting calls end with the connection.
            var error = await Assert.ThrowsAsync<HttpRequestException>(async () =>
            {
                using var response = await call;
                answered++;
                await response.Content.CopyToAsync(Stream.Null);
            });
            Assert.NotNull(error);
        }

        Assert.Equal(1, answered);
        Assert.Single(server.Logs.Entries, static e => e.EventId.Id == 2132);
        var other = await server.Client.EvaluateAsync(new EvaluateRequest { Patient = Patients.EligibleCrps(), Detail = ResultDetail.Full });
        Assert.Equal(EligibilityStatus.Eligible, other.Result.Eligibility.Status);
    }

    [Fact]
    public async Task Evaluate_ConnectionsUnreadAnswersOverBudget_FurtherCallsOnItRefusedAndOthersAnswered()
    {
        using var rules = TempRules.CopyOfShipped();
        // No reset within the test: the connection's unread answers stay, and only the refusal can answer the next call.
        await using var server = await RunningServer.StartAsync(
            rules.Directory,
            ["--KetCds:ResponseStallSeconds", "60", "--KetCds:StalledResponseOverBudgetMilliseconds", "60000", "--KetCds:StalledResponseConnectionBudgetBytes", "200000"]);
        using var stalling = new HttpClient(new SocketsHttpHandler { InitialHttp2StreamWindowSize = 65535 });
        var unread = new List<HttpResponseMessage> { await SendWithoutReadingAsync(stalling, server.Address, 0) };

        // The first FULL answer alone is over the 200 kB budget once its handler has returned; until then calls still run.
        string? status = null;
        var refused = await Eventually.TrueAsync(async () =>
        {
            var next = await SendWithoutReadingAsync(stalling, server.Address, unread.Count);
            unread.Add(next);
            status = next.Headers.TryGetValues("grpc-status", out var values) ? values.Single() : null;
            return status == "8";
        });

        Assert.True(refused, $"last grpc-status: {status ?? "(none: answered)"}");
        Assert.Contains(server.Logs.Entries, static e => e.EventId.Id == 2131);
        var answered = await server.Client.EvaluateAsync(new EvaluateRequest { Patient = Patients.EligibleCrps(), Detail = ResultDetail.Full });
        Assert.Equal(EligibilityStatus.Eligible, answered.Result.Eligibility.Status);
        unread.ForEach(static r => r.Dispose());
    }

    [Fact]
    public async Task Evaluate_ClientReads_NoStreamReset()
    {
        using var rules = TempRules.CopyOfShipped();
        await using var server = await RunningServer.StartAsync(rules.Directory, ["--KetCds:ResponseStallSeconds", "1", "--KetCds:StalledResponseOverBudgetMilliseconds", "100"]);

        for (var i = 0; i < 20; i++)
        {
            var answered = await server.Client.EvaluateAsync(new EvaluateRequest { Patient = Patients.EligibleCrps(), Detail = ResultDetail.Full });
            Assert.Equal(EligibilityStatus.Eligible, answered.Result.Eligibility.Status);
        }

        await Task.Delay(TimeSpan.FromSeconds(1.5));
        Assert.DoesNotContain(server.Logs.Entries, static e => e.EventId.Id == 2130);
    }

    private static async Task<HttpResponseMessage> SendWithoutReadingAsync(HttpClient client, Uri server, int index)
    {
        var message = new EvaluateRequest { RequestId = $"stall-{index}", Patient = Patients.EligibleCrps(), Detail = ResultDetail.Full }.ToByteArray();
        var framed = new byte[5 + message.Length];
        BinaryPrimitives.WriteUInt32BigEndian(framed.AsSpan(1), (uint)message.Length);
        message.CopyTo(framed, 5);
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(server, "/ketcds.v1.DecisionSupportService/Evaluate"))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent(framed) { Headers = { ContentType = new MediaTypeHeaderValue("application/grpc") } },
        };
        request.Headers.TE.Add(new TransferCodingWithQualityHeaderValue("trailers"));

        // A call left waiting for room for its answer ends at this deadline rather than the server's 30 s default.
        request.Headers.Add("grpc-timeout", "5S");
        return await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
    }
}

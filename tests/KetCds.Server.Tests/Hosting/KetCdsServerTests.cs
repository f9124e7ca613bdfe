using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using KetCds.Client;
using KetCds.Contracts.V1;
using KetCds.Server.Tests.Infrastructure;
using Microsoft.Extensions.Logging;
using V1 = Grpc.Reflection.V1;
using V1Alpha = Grpc.Reflection.V1Alpha;

namespace KetCds.Server.Tests.Hosting;

/// <summary>
/// What the composed server does on the wire, beyond the service methods: reflection, limits, compression, deadlines,
/// garbage input, HTTP probes and per-call logging. The real server on Kestrel, called by real clients.
/// </summary>
public sealed class KetCdsServerTests(ShippedRulesServer fixture) : IClassFixture<ShippedRulesServer>
{
    private const string Service = "ketcds.v1.DecisionSupportService";

    private RunningServer Server => fixture.Server;

    [Fact]
    public async Task Reflection_V1AndV1Alpha_BothListTheServiceAndHealth()
    {
        using var channel = GrpcChannel.ForAddress(Server.Address);

        using var v1 = new V1.ServerReflection.ServerReflectionClient(channel).ServerReflectionInfo();
        await v1.RequestStream.WriteAsync(new V1.ServerReflectionRequest { ListServices = "" });
        await v1.RequestStream.CompleteAsync();
        Assert.True(await v1.ResponseStream.MoveNext(CancellationToken.None));
        var v1Names = v1.ResponseStream.Current.ListServicesResponse.Service.Select(s => s.Name).ToList();

        using var alpha = new V1Alpha.ServerReflection.ServerReflectionClient(channel).ServerReflectionInfo();
        await alpha.RequestStream.WriteAsync(new V1Alpha.ServerReflectionRequest { FileContainingSymbol = Service });
        await alpha.RequestStream.CompleteAsync();
        Assert.True(await alpha.ResponseStream.MoveNext(CancellationToken.None));

        Assert.Contains(Service, v1Names);
        Assert.Contains("grpc.health.v1.Health", v1Names);
        Assert.NotEmpty(alpha.ResponseStream.Current.FileDescriptorResponse.FileDescriptorProto);
    }

    [Fact]
    public async Task Evaluate_RequestOverMaxMessageBytes_FailsWithResourceExhaustedAndTheServerGoesOn()
    {
        var request = new EvaluateRequest { RequestId = new string('r', 5 * 1024 * 1024), Patient = Patients.EligibleCrps() };

        var error = await Assert.ThrowsAsync<RpcException>(() => Server.Client.EvaluateAsync(request));

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        Assert.Equal(EligibilityStatus.Eligible, (await Server.Client.EvaluateAsync(new EvaluateRequest { Patient = Patients.EligibleCrps() })).Result.Eligibility.Status);
    }

    [Fact]
    public async Task Evaluate_GzipRequest_AnswersAsUncompressed()
    {
        using var client = new DecisionSupportClient(Server.Address, new DecisionSupportClientOptions { MaxRetries = 0, CompressRequests = true });

        var response = await client.EvaluateAsync(new EvaluateRequest { RequestId = "gzip", Patient = Patients.EligibleCrps() });

        Assert.Equal("gzip", response.RequestId);
        Assert.Equal(EligibilityStatus.Eligible, response.Result.Eligibility.Status);
    }

    [Fact]
    public async Task Call_UnknownMethod_FailsWithUnimplemented()
    {
        using var channel = GrpcChannel.ForAddress(Server.Address);
        var bytes = Marshallers.Create(static (byte[] b) => b, static b => b);
        var method = new Method<byte[], byte[]>(MethodType.Unary, Service, "NoSuchMethod", bytes, bytes);

        var error = await Assert.ThrowsAsync<RpcException>(() => channel.CreateCallInvoker().AsyncUnaryCall(method, null, default, []).ResponseAsync);

        Assert.Equal(StatusCode.Unimplemented, error.StatusCode);
    }

    [Fact]
    public async Task Evaluate_TruncatedMessage_EndsWithInternal()
    {
        var frame = Frame(new EvaluateRequest { RequestId = "cut", Patient = Patients.EligibleCrps() }.ToByteArray());

        using var response = await PostAsync($"/{Service}/Evaluate", frame.AsMemory(0, 20).ToArray(), "application/grpc");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(((int)StatusCode.Internal).ToString(System.Globalization.CultureInfo.InvariantCulture), GrpcStatus(response));
    }

    [Fact]
    public async Task Evaluate_NonGrpcContentType_AnswersHttp415()
    {
        using var response = await PostAsync($"/{Service}/Evaluate", "{}"u8.ToArray(), "application/json");

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Fact]
    public async Task HealthEndpoint_RulesLoaded_AnswersHealthyToHttpProbes()
    {
        using var http = Http2Client();

        using var response = await http.GetAsync(new Uri(Server.Address, "/healthz"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Evaluate_AnyCall_LogsOneDebugLineWithMethodRequestIdStatusAndVersionButNoPatientValue()
    {
        var patient = Patients.EligibleCrps();
        patient.PainDurationMonths = 987;
        var request = new EvaluateRequest { RequestId = "log-line-1", Patient = patient };

        var response = await Server.Client.EvaluateAsync(request);

        var line = Assert.Single(Server.Logs.Entries, e => e.EventId.Id == 2110 && e.Message.Contains("'log-line-1'", StringComparison.Ordinal));
        Assert.Equal(LogLevel.Debug, line.Level);
        Assert.Contains($"/{Service}/Evaluate", line.Message, StringComparison.Ordinal);
        Assert.Contains(" OK ", line.Message, StringComparison.Ordinal);
        Assert.Contains(response.RuleSet.Version, line.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("987", line.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Evaluate_MetricsListenerAttached_RecordsCallsAndEvaluationTimeTaggedWithTheRuleSetOnly()
    {
        var seen = new ConcurrentBag<(string Instrument, Dictionary<string, object?> Tags)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == "KetCds.Server")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, _, tags, _) => seen.Add((instrument.Name, ToDictionary(tags))));
        listener.SetMeasurementEventCallback<double>((instrument, _, tags, _) => seen.Add((instrument.Name, ToDictionary(tags))));
        listener.Start();

        var response = await Server.Client.EvaluateAsync(new EvaluateRequest { RequestId = "metrics", Patient = Patients.EligibleCrps() });

        var label = $"{response.RuleSet.Name}@{response.RuleSet.Version}+{response.RuleSet.ContentSha256[..12]}";
        // Other test classes call servers in parallel and the listener hears them all: look for this call's kind, and
        // check that no measurement carries anything but the three tags.
        Assert.Contains(seen, m => m.Instrument == "ketcds.server.calls" && Equals(m.Tags["rpc.method"], $"/{Service}/Evaluate")
            && Equals(m.Tags["ketcds.rule_set"], label) && Equals(m.Tags["rpc.grpc.status_code"], "OK"));
        Assert.All(seen.Where(m => m.Instrument == "ketcds.server.calls"), m =>
            Assert.Equal(["ketcds.rule_set", "rpc.grpc.status_code", "rpc.method"], m.Tags.Keys.Order(StringComparer.Ordinal)));
        Assert.Contains(seen, m => m.Instrument == "ketcds.server.call.duration" && Equals(m.Tags["ketcds.rule_set"], label));
        Assert.Contains(seen, m => m.Instrument == "ketcds.evaluation.duration" && Equals(m.Tags["ketcds.rule_set"], label));
        Assert.All(seen.Where(m => m.Instrument == "ketcds.evaluation.duration"), m => Assert.Equal(["ketcds.rule_set"], m.Tags.Keys));
    }

    [Fact]
    public async Task EvaluateBatch_ClientPausesLongerThanKestrelsDataRateGrace_StreamSurvives()
    {
        // Kestrel's minimum request body data rate (240 B/s after a 5 s grace) once reset such streams and their connection.
        async IAsyncEnumerable<EvaluateBatchRequest> Slow([EnumeratorCancellation] CancellationToken token = default)
        {
            yield return new EvaluateBatchRequest { CaseId = "before", Patient = Patients.EligibleCrps() };
            await Task.Delay(TimeSpan.FromSeconds(7), token);
            yield return new EvaluateBatchRequest { CaseId = "after", Patient = Patients.EligibleCrps() };
        }

        var answered = await Server.Client.EvaluateBatchAsync(Slow(), new CallOptions(deadline: DateTime.UtcNow.AddMinutes(2))).Select(r => r.CaseId).ToListAsync();

        Assert.Equal(["before", "after"], answered);
    }

    [Fact]
    public async Task EvaluateBatch_HundredThousandCases_StreamsToTheEndWithoutADeadline()
    {
        const int count = 100_000;
        using var client = new DecisionSupportClient(Server.Address, new DecisionSupportClientOptions { MaxRetries = 0, DefaultDeadline = null });
        var patient = Patients.EligibleCrps();

        async IAsyncEnumerable<EvaluateBatchRequest> Many()
        {
            for (var i = 0; i < count; i++)
            {
                yield return new EvaluateBatchRequest { CaseId = i.ToString(System.Globalization.CultureInfo.InvariantCulture), Patient = patient };
            }

            await Task.CompletedTask;
        }

        var received = 0;
        var inOrder = true;
        await foreach (var response in client.EvaluateBatchAsync(Many()))
        {
            inOrder &= response.CaseId == received.ToString(System.Globalization.CultureInfo.InvariantCulture)
                && response.OutcomeCase == EvaluateBatchResponse.OutcomeOneofCase.Result;
            received++;
        }

        Assert.Equal(count, received);
        Assert.True(inOrder, "every item answered with a result, in request order");
    }

    private static Dictionary<string, object?> ToDictionary(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var tag in tags)
        {
            result[tag.Key] = tag.Value;
        }

        return result;
    }

    private static byte[] Frame(byte[] payload)
    {
        var frame = new byte[5 + payload.Length];
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), (uint)payload.Length);
        payload.CopyTo(frame, 5);
        return frame;
    }

    private static HttpClient Http2Client() => new(new SocketsHttpHandler())
    {
        DefaultRequestVersion = HttpVersion.Version20,
        DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
    };

    private static string? GrpcStatus(HttpResponseMessage response) =>
        response.TrailingHeaders.TryGetValues("grpc-status", out var trailer) ? trailer.Single()
        : response.Headers.TryGetValues("grpc-status", out var header) ? header.Single()
        : null;

    private async Task<HttpResponseMessage> PostAsync(string path, byte[] body, string contentType)
    {
        using var http = Http2Client();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Server.Address, path))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent(body),
        };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        request.Headers.TE.Add(new TransferCodingWithQualityHeaderValue("trailers"));
        var response = await http.SendAsync(request);
        await response.Content.ReadAsByteArrayAsync();
        return response;
    }
}

using System.Security.Cryptography;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using KetCds.Contracts.V1;
using KetCds.Server.Tests.Infrastructure;
using KetCds.Server.Tests.Security;

namespace KetCds.Server.Tests.Internal.Auditing;

/// <summary>Calls that end before or after the audit interceptor's records, against a real server and its real trail.</summary>
public sealed class AuditBackstopMiddlewareTests
{
    private const string Service = "ketcds.v1.DecisionSupportService";
    private static readonly Marshaller<byte[]> Bytes = Marshallers.Create(static (byte[] b) => b, static b => b);

    [Fact]
    public async Task Evaluate_RequestProtobufCannotParse_RecordedWithInvalidArgument()
    {
        using var rules = TempRules.CopyOfShipped();
        await using var server = await RunningServer.StartAsync(rules.Directory);
        using var channel = GrpcChannel.ForAddress(server.Address);
        var method = new Method<byte[], byte[]>(MethodType.Unary, Service, "Evaluate", Bytes, Bytes);

        await Assert.ThrowsAsync<RpcException>(() => channel.CreateCallInvoker().AsyncUnaryCall(method, null, default, [0x00, 0x01]).ResponseAsync);

        var record = await AuditReader.LastAsync(server.AuditFile);
        Assert.Equal($"/{Service}/Evaluate", record.Method);
        Assert.Equal("InvalidArgument", record.Status);
        Assert.Equal(string.Empty, record.RequestId);
    }

    [Fact]
    public async Task EvaluateBatch_StreamFailsAfterAnItem_ItemAndTheFailureRecorded()
    {
        using var rules = TempRules.CopyOfShipped();
        await using var server = await RunningServer.StartAsync(rules.Directory);
        using var channel = GrpcChannel.ForAddress(server.Address);
        var method = new Method<byte[], byte[]>(MethodType.DuplexStreaming, Service, "EvaluateBatch", Bytes, Bytes);
        using (var call = channel.CreateCallInvoker().AsyncDuplexStreamingCall(method, null, default))
        {
            await call.RequestStream.WriteAsync(new EvaluateBatchRequest { CaseId = "one", Patient = Patients.EligibleCrps() }.ToByteArray());
            await call.RequestStream.WriteAsync([0x00, 0x01]);
            await call.RequestStream.CompleteAsync();
            Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
            await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(CancellationToken.None));
        }

        // The stream's record is written once the call has ended, which the client may see first.
        Assert.True(await Eventually.TrueAsync(async () => (await AuditReader.ReadAllAsync(server.AuditFile)).Count >= 2));
        var records = await AuditReader.ReadAllAsync(server.AuditFile);
        Assert.Equal([("one", "OK"), (string.Empty, "InvalidArgument")], records.Select(r => (r.RequestId, r.Status)));
    }

    [Fact]
    public async Task EvaluateBatch_AllItemsAnswered_OneRecordPerItemAndNoneForTheStream()
    {
        using var rules = TempRules.CopyOfShipped();
        await using var server = await RunningServer.StartAsync(rules.Directory);
        EvaluateBatchRequest[] items = [new() { CaseId = "a", Patient = Patients.EligibleCrps() }, new() { CaseId = "b", Patient = Patients.EligibleCrps() }];

        await foreach (var _ in server.Client.EvaluateBatchAsync(items.ToAsyncEnumerable()))
        {
        }

        var records = await AuditReader.ReadAllAsync(server.AuditFile);
        Assert.Equal(["a", "b"], records.Select(r => r.RequestId));
    }

    [Fact]
    public async Task Evaluate_PayloadsOff_HashesBothMessagesWithoutStoringThem()
    {
        using var rules = TempRules.CopyOfShipped();
        await using var server = await RunningServer.StartAsync(rules.Directory);
        var request = new EvaluateRequest { RequestId = "hash", Patient = Patients.EligibleCrps(), Detail = ResultDetail.Full };

        var response = await server.Client.EvaluateAsync(request);

        var record = await AuditReader.LastAsync(server.AuditFile);
        Assert.Equal(SHA256.HashData(request.ToByteArray()), record.RequestSha256.ToArray());
        Assert.Equal(SHA256.HashData(response.ToByteArray()), record.ResponseSha256.ToArray());
        Assert.Null(record.RequestPayload);
        Assert.Null(record.ResponsePayload);
    }
}

using Google.Protobuf;
using Google.Rpc;
using Grpc.Core;
using Grpc.Net.Client;
using KetCds.Contracts.V1;
using KetCds.Server.Tests.Infrastructure;

namespace KetCds.Server.Tests.Internal.Services;

/// <summary>Requests protobuf cannot parse, sent as raw bytes to a real server: INVALID_ARGUMENT naming the field, no error log.</summary>
public sealed class MalformedRequestTests(ShippedRulesServer fixture) : IClassFixture<ShippedRulesServer>
{
    private const string Service = "ketcds.v1.DecisionSupportService";
    private static readonly Marshaller<byte[]> Bytes = Marshallers.Create(static (byte[] b) => b, static b => b);

    [Fact]
    public async Task Evaluate_RequestIdNotUtf8_InvalidArgumentNamingRequestId()
    {
        var request = WithInvalidUtf8(new EvaluateRequest { Patient = Patients.EligibleCrps() }.ToByteArray(), EvaluateRequest.RequestIdFieldNumber);

        var error = await Assert.ThrowsAsync<RpcException>(() => CallAsync("Evaluate", request));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal("the request has 1 invalid field", error.Status.Detail);
        var violation = Assert.Single(Violations(error));
        Assert.Equal("request_id", violation.Field);
        Assert.Equal("not valid UTF-8 (protobuf strings must be)", violation.Description);
    }

    [Fact]
    public async Task Evaluate_ZeroTag_InvalidArgumentNamingTheMessage()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => CallAsync("Evaluate", [0x00, 0x01]));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal("the request is not a valid ketcds.v1.EvaluateRequest message", error.Status.Detail);
        Assert.Equal(string.Empty, Assert.Single(Violations(error)).Field);
    }

    [Fact]
    public async Task EvaluateBatch_SecondCaseIdNotUtf8_FirstAnsweredThenInvalidArgumentNamingCaseId()
    {
        using var channel = GrpcChannel.ForAddress(fixture.Server.Address);
        var method = new Method<byte[], byte[]>(MethodType.DuplexStreaming, Service, "EvaluateBatch", Bytes, Bytes);
        using var call = channel.CreateCallInvoker().AsyncDuplexStreamingCall(method, null, new CallOptions(deadline: DateTime.UtcNow.AddSeconds(30)));
        var good = new EvaluateBatchRequest { CaseId = "good", Patient = Patients.EligibleCrps() }.ToByteArray();
        await call.RequestStream.WriteAsync(good);
        await call.RequestStream.WriteAsync(WithInvalidUtf8(good, EvaluateBatchRequest.CaseIdFieldNumber));
        await call.RequestStream.CompleteAsync();

        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
        Assert.Equal("good", EvaluateBatchResponse.Parser.ParseFrom(call.ResponseStream.Current).CaseId);
        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(CancellationToken.None));
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal("case_id", Assert.Single(Violations(error)).Field);
    }

    [Fact]
    public async Task Evaluate_ValidRequestAfterAMalformedOne_Answered()
    {
        await Assert.ThrowsAsync<RpcException>(() => CallAsync("Evaluate", [0x00, 0x01]));

        var answer = EvaluateResponse.Parser.ParseFrom(await CallAsync("Evaluate", new EvaluateRequest { RequestId = "fine", Patient = Patients.EligibleCrps() }.ToByteArray()));

        Assert.Equal("fine", answer.RequestId);
    }

    /// <summary>The message with one more occurrence of string field <paramref name="field"/> (the last one wins), holding bytes that are not UTF-8.</summary>
    private static byte[] WithInvalidUtf8(byte[] message, int field)
    {
        byte[] invalid = [(byte)'i', (byte)'d', 0xFF, 0xFE];
        byte[] extra = [(byte)((field << 3) | 2), (byte)invalid.Length, .. invalid];
        return [.. message, .. extra];
    }

    private async Task<byte[]> CallAsync(string name, byte[] request)
    {
        using var channel = GrpcChannel.ForAddress(fixture.Server.Address);
        var method = new Method<byte[], byte[]>(MethodType.Unary, Service, name, Bytes, Bytes);
        return await channel.CreateCallInvoker().AsyncUnaryCall(method, null, new CallOptions(deadline: DateTime.UtcNow.AddSeconds(30)), request).ResponseAsync;
    }

    private static List<BadRequest.Types.FieldViolation> Violations(RpcException error)
    {
        var status = error.GetRpcStatus();
        Assert.NotNull(status);
        return [.. Assert.Single(status.Details.Select(d => d.Unpack<BadRequest>())).FieldViolations];
    }
}

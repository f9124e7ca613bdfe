using Google.Protobuf;
using KetCds.Protocol.Tests.Protos;

namespace KetCds.Protocol.Tests.Infrastructure;

/// <summary>The test service behind ketcds.testing.v1.Echo.</summary>
public sealed class EchoService(CallProbe probe)
{
    public void Bind(GrpcServiceBinder binder) => binder
        .Unary<EchoRequest, EchoResponse>("Unary", Unary)
        .ServerStreaming<EchoRequest, EchoResponse>("ServerStream", ServerStreamAsync)
        .ClientStreaming<EchoRequest, EchoResponse>("ClientStream", ClientStreamAsync)
        .DuplexStreaming<EchoRequest, EchoResponse>("Duplex", DuplexAsync)
        .Unary<EchoRequest, EchoResponse>("Fail", Fail)
        .Unary<EchoRequest, EchoResponse>("Wait", WaitAsync)
        .Unary<EchoRequest, EchoResponse>("Encoded", Encoded)
        .DuplexStreaming<EchoRequest, EchoResponse>("EncodedDuplex", EncodedDuplexAsync);

    /// <summary>The bytes the Encoded method answers with: valid, but in an order generated code never writes.</summary>
    public static byte[] EncodedResponse(EchoRequest request)
    {
        var payload = new EchoResponse { Payload = ByteString.CopyFrom(new byte[request.Count]) }.ToByteArray();
        var text = new EchoResponse { Text = request.Text }.ToByteArray();
        return [.. payload, .. text];
    }

    private static async Task EncodedDuplexAsync(
        IAsyncEnumerable<EchoRequest> requests,
        IGrpcStreamWriter<EncodedMessage<EchoResponse>> writer,
        GrpcCallContext context)
    {
        await foreach (var request in requests)
        {
            await writer.WriteAsync(new EncodedMessage<EchoResponse>(EncodedResponse(request)), context.CancellationToken);
        }
    }

    private static Task<EncodedMessage<EchoResponse>> Encoded(EchoRequest request, GrpcCallContext context) =>
        Task.FromResult(new EncodedMessage<EchoResponse>(EncodedResponse(request)));

    private static Task<EchoResponse> Unary(EchoRequest request, GrpcCallContext context)
    {
        if (context.GetRequestHeader("x-echo") is { } text)
        {
            context.AddResponseHeader("x-echo-header", text);
            context.AddResponseTrailer("x-echo-trailer", text);
        }

        if (context.GetRequestBinaryHeader("x-echo-bin") is { } bytes)
        {
            context.AddResponseHeader("x-echo-header-bin", bytes);
            context.AddResponseTrailer("x-echo-trailer-bin", bytes);
        }

        var payload = request.Count > 0 ? ByteString.CopyFrom(new byte[request.Count]) : request.Payload;
        return Task.FromResult(new EchoResponse { Text = request.Text, Payload = payload });
    }

    private static async Task ServerStreamAsync(EchoRequest request, IGrpcStreamWriter<EchoResponse> writer, GrpcCallContext context)
    {
        for (var i = 0; i < request.Count; i++)
        {
            await writer.WriteAsync(new EchoResponse { Text = request.Text, Index = i }, context.CancellationToken);
            if (request.Text == "fail-after-first")
            {
                throw new GrpcException(GrpcStatusCode.Aborted, "stopped after the first message");
            }
        }
    }

    private static async Task<EchoResponse> ClientStreamAsync(IAsyncEnumerable<EchoRequest> requests, GrpcCallContext context)
    {
        var texts = new List<string>();
        await foreach (var request in requests)
        {
            texts.Add(request.Text);
        }

        return new EchoResponse { Text = string.Join(",", texts), Index = texts.Count };
    }

    private static async Task DuplexAsync(IAsyncEnumerable<EchoRequest> requests, IGrpcStreamWriter<EchoResponse> writer, GrpcCallContext context)
    {
        var index = 0;
        await foreach (var request in requests)
        {
            await writer.WriteAsync(new EchoResponse { Text = request.Text, Index = index++ }, context.CancellationToken);
        }
    }

    private static Task<EchoResponse> Fail(EchoRequest request, GrpcCallContext context)
    {
        switch (request.Text)
        {
            case "invalid":
                throw GrpcException.InvalidArgument(
                    "2 fields are invalid",
                    [
                        new GrpcFieldViolation("patient.weight_kg", "must be between 1 and 500"),
                        new GrpcFieldViolation("patient.age_years", "is required"),
                    ]);
            case "crash":
                throw new InvalidOperationException("SECRET-INTERNAL-DETAIL");
            default:
                throw new GrpcException(GrpcStatusCode.FailedPrecondition, request.Text);
        }
    }

    private async Task<EchoResponse> WaitAsync(EchoRequest request, GrpcCallContext context)
    {
        probe.Started.TrySetResult(context.Deadline);
        try
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, context.CancellationToken);
        }
        catch (OperationCanceledException)
        {
            probe.Cancelled.TrySetResult(true);
            throw;
        }

        return new EchoResponse();
    }
}

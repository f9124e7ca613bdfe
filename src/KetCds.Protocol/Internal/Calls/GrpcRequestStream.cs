using Google.Protobuf;
using KetCds.Protocol.Internal.Framing;
using Microsoft.AspNetCore.Connections;

namespace KetCds.Protocol.Internal.Calls;

/// <summary>Reads request messages one at a time as they arrive, never buffering the whole stream.</summary>
internal static class GrpcRequestStream
{
    public static async IAsyncEnumerable<T> ReadAllAsync<T>(GrpcCallContext call, MessageParser<T> parser, int maxSize)
        where T : IMessage<T>
    {
        var reader = call.HttpContext.Request.BodyReader;
        while (true)
        {
            var message = await ReadAsync(reader, call, parser, maxSize).ConfigureAwait(false);
            if (message is null)
            {
                yield break;
            }

            yield return message;
        }
    }

    /// <summary>Reads the single request message of a unary or server-streaming call and checks nothing follows it.</summary>
    public static async Task<T> ReadSingleAsync<T>(GrpcCallContext call, MessageParser<T> parser, int maxSize)
        where T : IMessage<T>
    {
        var reader = call.HttpContext.Request.BodyReader;
        var message = await ReadAsync(reader, call, parser, maxSize).ConfigureAwait(false)
            ?? throw new GrpcException(GrpcStatusCode.Internal, "The request stream ended without a request message.");
        try
        {
            await GrpcMessageReader.ReadEndAsync(reader, call.CancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsTransportAbort(ex))
        {
            throw AbortedByClient(call, ex);
        }

        return message;
    }

    private static async ValueTask<T?> ReadAsync<T>(System.IO.Pipelines.PipeReader reader, GrpcCallContext call, MessageParser<T> parser, int maxSize)
        where T : IMessage<T>
    {
        try
        {
            return await GrpcMessageReader.ReadAsync(reader, call, parser, maxSize).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsTransportAbort(ex))
        {
            throw AbortedByClient(call, ex);
        }
    }

    // Kestrel reports a client's RST_STREAM or a dropped connection as an I/O error from the body reader,
    // sometimes before RequestAborted fires; either way the client has cancelled, and the server is not at fault.
    private static bool IsTransportAbort(Exception ex) => ex is IOException or ConnectionAbortedException;

    private static OperationCanceledException AbortedByClient(GrpcCallContext call, Exception ex)
    {
        call.CancelByClient();
        return new OperationCanceledException("The client reset the request stream.", ex, call.CancellationToken);
    }
}

using Google.Protobuf;
using KetCds.Protocol.Internal.Framing;

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
            var message = await GrpcMessageReader.ReadAsync(reader, call, parser, maxSize).ConfigureAwait(false);
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
        var message = await GrpcMessageReader.ReadAsync(reader, call, parser, maxSize).ConfigureAwait(false)
            ?? throw new GrpcException(GrpcStatusCode.Internal, "The request stream ended without a request message.");
        await GrpcMessageReader.ReadEndAsync(reader, call.CancellationToken).ConfigureAwait(false);
        return message;
    }
}

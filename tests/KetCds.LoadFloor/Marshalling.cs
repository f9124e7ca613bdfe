using Google.Protobuf;
using Grpc.Core;

namespace KetCds.LoadFloor;

/// <summary>Contextual marshallers that write and read as grpc-dotnet's generated code does (into the buffer writer).</summary>
internal static class Marshalling
{
    public static Marshaller<T> Generated<T>(MessageParser<T> parser)
        where T : IMessage<T>, IBufferMessage =>
        Marshallers.Create<T>(
            static (message, context) =>
            {
                context.SetPayloadLength(message.CalculateSize());
                message.WriteTo(context.GetBufferWriter());
                context.Complete();
            },
            context => parser.ParseFrom(context.PayloadAsReadOnlySequence()));
}

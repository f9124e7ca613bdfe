using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace KetCds.Clinical.Internal.Encoding;

/// <summary>
/// A message walked by <see cref="SharedPartEncoder"/> with every size already measured, presented to protobuf as a
/// message of its own so that protobuf's public writers (to a span, to an <see cref="System.Buffers.IBufferWriter{T}"/>)
/// drive the write: the bytes go straight where the caller wants them, with no intermediate array.
/// </summary>
internal sealed class MeasuredMessage(SharedPartEncoder encoder, IMessage message, FieldDescriptor[] fields, Dictionary<IMessage, int> sizes, int length)
    : IBufferMessage
{
    /// <summary>The encoded length in bytes.</summary>
    public int Length => length;

    public MessageDescriptor Descriptor => message.Descriptor;

    public int CalculateSize() => length;

    public void InternalWriteTo(ref WriteContext ctx) => encoder.WriteFields(ref ctx, message, fields, sizes);

    // Only ever written through WriteContext (protobuf calls InternalWriteTo); never parsed or written to a stream.
    public void WriteTo(CodedOutputStream output) => throw new NotSupportedException("A measured message is written only through WriteContext.");

    public void MergeFrom(CodedInputStream input) => throw new NotSupportedException("A measured message is never parsed.");

    public void InternalMergeFrom(ref ParseContext ctx) => throw new NotSupportedException("A measured message is never parsed.");
}

using System.Buffers;
using Grpc.Core;

namespace KetCds.Server.Tests.Internal.Services;

/// <summary>A marshaller's serialization context that records what it was given, the way grpc-dotnet's is driven.</summary>
internal sealed class RecordingSerializationContext : SerializationContext
{
    private readonly ArrayBufferWriter<byte> _writer = new();
    private bool _completed;

    /// <summary>The array passed to <see cref="Complete(byte[])"/>, if that is how the payload came.</summary>
    public byte[]? CompletedWith { get; private set; }

    /// <summary>The length announced before writing to the buffer writer (-1 if none was).</summary>
    public int AnnouncedLength { get; private set; } = -1;

    /// <summary>The payload, however it came.</summary>
    public byte[] Payload => _completed ? CompletedWith ?? _writer.WrittenSpan.ToArray() : throw new InvalidOperationException("not completed");

    public override void Complete(byte[] payload)
    {
        Assert.False(_completed, "completed twice");
        CompletedWith = payload;
        _completed = true;
    }

    public override void SetPayloadLength(int payloadLength) => AnnouncedLength = payloadLength;

    public override IBufferWriter<byte> GetBufferWriter()
    {
        Assert.True(AnnouncedLength >= 0, "grpc-dotnet writes straight into the pipe only when the length is set first");
        return _writer;
    }

    public override void Complete()
    {
        Assert.False(_completed, "completed twice");
        _completed = true;
    }
}

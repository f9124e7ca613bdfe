using FsCheck.Xunit;
using KetCds.Client.Internal.Framing;

namespace KetCds.Client.Tests.Internal.Framing;

public sealed class MessageReaderTests
{
    [Property]
    public bool ReadAsync_FramedMessages_RoundTripInOrder(byte[][] messages, bool compress)
    {
        var body = new MemoryStream(messages.SelectMany(m => MessageFramer.Frame(m, compress)).ToArray());
        var reader = new MessageReader(body, 1 << 20, compress ? "gzip" : null);
        foreach (var expected in messages)
        {
            var actual = reader.ReadAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult();
            if (actual is null || !actual.SequenceEqual(expected))
            {
                return false;
            }
        }

        return reader.ReadAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult() is null;
    }

    [Fact]
    public void Frame_Message_HasFlagAndBigEndianLength()
    {
        var framed = MessageFramer.Frame([1, 2, 3], compress: false);
        Assert.Equal(new byte[] { 0, 0, 0, 0, 3, 1, 2, 3 }, framed);
    }

    [Fact]
    public async Task ReadAsync_DeclaredLengthOverLimit_FailsWithResourceExhaustedBeforeReadingPayload()
    {
        var header = new byte[] { 0, 0, 0, 4, 1 }; // 1025 bytes declared, none sent
        var reader = new MessageReader(new MemoryStream(header), 1024, null);

        var error = await Assert.ThrowsAsync<DecisionSupportException>(() => reader.ReadAsync(CancellationToken.None).AsTask());

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        Assert.Contains("1025", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_CompressedMessageInflatingPastLimit_FailsWithResourceExhausted()
    {
        var framed = MessageFramer.Frame(new byte[10_000], compress: true);
        Assert.True(framed.Length < 1024);
        var reader = new MessageReader(new MemoryStream(framed), 1024, "gzip");

        var error = await Assert.ThrowsAsync<DecisionSupportException>(() => reader.ReadAsync(CancellationToken.None).AsTask());

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
    }

    [Theory]
    [InlineData(new byte[] { 0, 0, 0 })]
    [InlineData(new byte[] { 0, 0, 0, 0, 5, 1, 2 })]
    [InlineData(new byte[] { 2, 0, 0, 0, 0 })]
    public async Task ReadAsync_TruncatedOrInvalidFrame_FailsWithInternal(byte[] body)
    {
        var reader = new MessageReader(new MemoryStream(body), 1024, null);

        var error = await Assert.ThrowsAsync<DecisionSupportException>(() => reader.ReadAsync(CancellationToken.None).AsTask());

        Assert.Equal(StatusCode.Internal, error.StatusCode);
    }

    [Fact]
    public async Task ReadAsync_CompressedFlagWithoutGzipEncoding_FailsWithInternal()
    {
        var reader = new MessageReader(new MemoryStream(MessageFramer.Frame([1], compress: true)), 1024, "identity");

        var error = await Assert.ThrowsAsync<DecisionSupportException>(() => reader.ReadAsync(CancellationToken.None).AsTask());

        Assert.Equal(StatusCode.Internal, error.StatusCode);
        Assert.Contains("identity", error.Detail, StringComparison.Ordinal);
    }
}

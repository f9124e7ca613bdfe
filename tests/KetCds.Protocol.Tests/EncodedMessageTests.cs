using Google.Protobuf;
using KetCds.Protocol.Tests.Protos;

namespace KetCds.Protocol.Tests;

public sealed class EncodedMessageTests
{
    [Fact]
    public void From_Message_HoldsItsGeneratedEncoding()
    {
        var message = new EchoResponse { Text = "cached", Index = 7 };

        var encoded = EncodedMessage<EchoResponse>.From(message);

        Assert.Equal(message.ToByteArray(), encoded.Bytes.ToArray());
    }

    [Fact]
    public void From_Null_ThrowsArgumentNull()
    {
        Assert.Throws<ArgumentNullException>(() => EncodedMessage<EchoResponse>.From(null!));
    }

    [Fact]
    public void Equals_SameBufferOrNot_ComparesByReference()
    {
        var bytes = new byte[] { 10, 1, 65 };

        Assert.Equal(new EncodedMessage<EchoResponse>(bytes), new EncodedMessage<EchoResponse>(bytes));
        Assert.NotEqual(new EncodedMessage<EchoResponse>(bytes), new EncodedMessage<EchoResponse>(bytes.ToArray()));
    }
}

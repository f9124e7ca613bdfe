using FsCheck.Xunit;
using KetCds.Client.Internal.Http;

namespace KetCds.Client.Tests.Internal.Http;

public sealed class Base64MetadataTests
{
    [Property]
    public bool TryDecode_EncodedBytes_RoundTripsWithAndWithoutPadding(byte[] bytes)
    {
        var unpadded = Base64Metadata.Encode(bytes);
        var padded = Convert.ToBase64String(bytes);
        return !unpadded.EndsWith('=')
            && Base64Metadata.TryDecode(unpadded)!.SequenceEqual(bytes)
            && Base64Metadata.TryDecode(padded)!.SequenceEqual(bytes);
    }

    [Theory]
    [InlineData("a")]
    [InlineData("not*base64")]
    public void TryDecode_Invalid_ReturnsNull(string value)
    {
        Assert.Null(Base64Metadata.TryDecode(value));
    }
}

using KetCds.Client.Internal.Http;

namespace KetCds.Client.Tests.Internal.Http;

public sealed class PercentDecoderTests
{
    [Theory]
    [InlineData("plain text", "plain text")]
    [InlineData("50%25 done", "50% done")]
    [InlineData("caf%C3%A9", "café")]
    [InlineData("line%0Abreak", "line\nbreak")]
    [InlineData("%E2%9C%93 ok", "✓ ok")]
    public void Decode_EncodedUtf8_ReturnsText(string encoded, string expected)
    {
        Assert.Equal(expected, PercentDecoder.Decode(encoded));
    }

    [Theory]
    [InlineData("100%")]
    [InlineData("bad %zz escape")]
    [InlineData("trailing %4")]
    public void Decode_MalformedEscape_KeepsItLiterally(string encoded)
    {
        Assert.Equal(encoded, PercentDecoder.Decode(encoded));
    }

    [Fact]
    public void Decode_InvalidUtf8_ReturnsRawTextInsteadOfThrowing()
    {
        Assert.Equal("broken %C3%28", PercentDecoder.Decode("broken %C3%28"));
    }
}

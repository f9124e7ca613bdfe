using FsCheck;
using FsCheck.Fluent;
using KetCds.Protocol.Internal.Http;

namespace KetCds.Protocol.Tests.Http;

public sealed class PercentEncoderTests
{
    [Theory]
    [InlineData("plain text", "plain text")]
    [InlineData("100%", "100%25")]
    [InlineData("a\tb", "a%09b")]
    [InlineData("é", "%C3%A9")]
    public void Encode_Examples_MatchSpec(string input, string expected) => Assert.Equal(expected, PercentEncoder.Encode(input));

    [FsCheck.Xunit.Property]
    public Property Encode_AnyString_OnlyPrintableAsciiAndRoundTrips() =>
        Prop.ForAll(
            ArbMap.Default.ArbFor<NonNull<string>>(),
            value =>
            {
                // Lone surrogates cannot survive UTF-8 in any implementation; compare against the UTF-8 round trip.
                var text = System.Text.Encoding.UTF8.GetString(System.Text.Encoding.UTF8.GetBytes(value.Get));
                var encoded = PercentEncoder.Encode(text);
                return encoded.All(c => c is >= (char)0x20 and <= (char)0x7E) && PercentEncoder.Decode(encoded) == text;
            });
}
